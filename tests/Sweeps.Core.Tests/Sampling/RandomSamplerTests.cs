using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Sampling;

/// <summary>Random points depend on (seed, index) only, stay inside their bounds and follow their scale.</summary>
public class RandomSamplerTests
{
    private const int Draws = 4000;

    [Theory]
    [InlineData(-5, 5, RangeScale.Linear, false)]
    [InlineData(1e-6, 1e-2, RangeScale.Log, false)]
    [InlineData(1, 6, RangeScale.Linear, true)]
    [InlineData(1, 1000, RangeScale.Log, true)]
    [InlineData(3, 3, RangeScale.Linear, true)]
    public void Samples_stay_inside_the_bounds(double min, double max, RangeScale scale, bool isInteger)
    {
        var sampler = new RandomSampler([Some.Range("x", min, max, scale, isInteger)], 7, Draws);

        var values = Enumerable.Range(0, Draws).Select(i => sampler.PointAt(i).GetReal("x")).ToList();

        Assert.All(values, v => Assert.InRange(v, min, max));
        if (isInteger) Assert.All(values, v => Assert.Equal(Math.Floor(v), v));
    }

    [Fact]
    public void An_int_range_hits_both_ends_uniformly()
    {
        var sampler = new RandomSampler([Some.Range("x", 1, 4, isInteger: true)], 3, Draws);

        var counts = Enumerable.Range(0, Draws).GroupBy(i => sampler.PointAt(i).GetInteger("x")).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([1L, 2, 3, 4], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, Draws / 4 - 150, Draws / 4 + 150));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_log_range_is_uniform_in_the_logarithm(bool isInteger)
    {
        var (min, max) = isInteger ? (1.0, 9999.0) : (1e-6, 1e-2);
        var sampler = new RandomSampler([Some.Range("x", min, max, RangeScale.Log, isInteger)], 11, Draws);

        var logs = Enumerable.Range(0, Draws).Select(i => Math.Log10(sampler.PointAt(i).GetReal("x"))).Order().ToList();

        // Median and quartiles of log10 near the middle and quarters (the int range is log-uniform over [1, 10000) before the floor).
        var (low, high) = (Math.Log10(min), isInteger ? 4.0 : Math.Log10(max));
        Assert.InRange(logs[Draws / 2], low + 0.5 * (high - low) - 0.1, low + 0.5 * (high - low) + 0.1);
        Assert.InRange(logs[3 * Draws / 4], low + 0.75 * (high - low) - 0.1, low + 0.75 * (high - low) + 0.1);
    }

    [Fact]
    public void A_list_is_a_uniform_choice()
    {
        var sampler = new RandomSampler([Some.Choice("x", 2, 3, 10)], 5, Draws);

        var counts = Enumerable.Range(0, Draws).GroupBy(i => sampler.PointAt(i).GetInteger("x")).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([2L, 3, 10], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, Draws / 3 - 150, Draws / 3 + 150));
    }

    [Theory]
    [InlineData(SamplerKind.Random)]
    [InlineData(SamplerKind.Sobol)]
    public void The_same_seed_gives_the_same_points_and_another_seed_other_points(SamplerKind kind)
    {
        ParameterSpec[] space = [Some.Range("x", 0, 1), Some.Choice("c", 1, 2, 3, 4, 5, 6, 7, 8), Some.Constant("k", 2)];
        string Points(ulong seed)
        {
            var sampler = SamplerFactory.Create(Some.Sweep(kind, 50, seed, space));
            return string.Join("; ", Enumerable.Range(0, 50).Select(i => sampler.PointAt(i).ToString()));
        }

        Assert.Equal(Points(42), Points(42));
        Assert.NotEqual(Points(42), Points(43));
        Assert.NotEqual(Points(0), Points(1));
    }

    [Fact]
    public void A_point_does_not_depend_on_the_points_asked_for_before_it()
    {
        var sampler = new RandomSampler([Some.Range("x", 0, 1), Some.Range("y", 0, 1)], 9, 1000);

        var late = sampler.PointAt(999).ToString();
        _ = sampler.PointAt(3);

        Assert.Equal(late, new RandomSampler([Some.Range("x", 0, 1), Some.Range("y", 0, 1)], 9, 1000).PointAt(999).ToString());
        Assert.NotEqual(sampler.PointAt(0).GetReal("x"), sampler.PointAt(0).GetReal("y"));
    }

    [Theory]
    [InlineData(SamplerKind.Random)]
    [InlineData(SamplerKind.Sobol)]
    public void A_million_trial_sweep_reaches_its_last_point_at_once(SamplerKind kind)
    {
        var sampler = SamplerFactory.Create(Some.Sweep(kind, 1_000_000, 1, Some.Range("x", 0, 1), Some.Range("y", 1, 100, RangeScale.Log, true)));

        var last = sampler.PointAt(999_999);

        Assert.Equal(1_000_000, sampler.PointCount);
        Assert.InRange(last.GetReal("x"), 0, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.PointAt(1_000_000));
    }
}
