using Sweeps.Search.Tpe;

namespace Sweeps.Search.Tests.Tpe;

public sealed class ParzenTests
{
    [Theory]
    [InlineData(new double[] { }, 0, 1)]
    [InlineData(new double[] { 0.2, 0.25, 0.9 }, 0, 1)]
    [InlineData(new double[] { -4, 9.9, 3, 3.1, 3.2 }, -5, 10)]
    public void A_numeric_estimator_is_a_density_on_its_range(double[] observations, double low, double high)
    {
        var parzen = new NumericParzen(observations, Enumerable.Repeat(1.0, observations.Length).ToArray(), low, high, 1.0);
        const int steps = 20_000;
        var h = (high - low) / steps;
        var integral = 0.0;
        for (var i = 0; i < steps; i++) integral += Math.Exp(parzen.LogDensity(low + (i + 0.5) * h)) * h;
        Assert.Equal(1.0, integral, 3);
    }

    [Fact]
    public void Draws_stay_in_the_range_and_gather_where_the_observations_are()
    {
        // 30 observations: the bandwidths may shrink to 1/(30 + 2) of the range (with 4 they could not go below 1/6).
        var observations = Enumerable.Range(0, 30).Select(i => 0.7 + i * 0.001).ToArray();
        var parzen = new NumericParzen(observations, Enumerable.Repeat(1.0, 30).ToArray(), 0, 1, 1.0);
        var random = new SplitMixStream(42);
        var draws = Enumerable.Range(0, 5000).Select(_ => parzen.Sample(ref random)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        Assert.True(draws.Count(d => d is > 0.6 and < 0.85) > 0.5 * draws.Length);
    }

    [Fact]
    public void A_categorical_estimator_smooths_counts_with_the_prior()
    {
        var parzen = new CategoricalParzen([1, 1, 1], [1, 1, 1], 3, 1.0);
        var p = Enumerable.Range(0, 3).Select(c => Math.Exp(parzen.LogDensity(c))).ToArray();
        Assert.Equal(1.0, p.Sum(), 12);
        // Three kernels of (0.25, 1.25, 0.25)/1.75 and a prior kernel of 1/3 each, weighted 1/4 apiece.
        Assert.Equal(52.0 / 84, p[1], 12);
        Assert.Equal(p[0], p[2], 12);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(1000, 25)]
    public void Gamma_is_a_tenth_rounded_up_at_most_25(int n, int good) => Assert.Equal(good, TpeSettings.Good(n));

    [Fact]
    public void Weights_ramp_up_for_old_observations_beyond_25()
    {
        Assert.All(TpeSettings.Weights(25), w => Assert.Equal(1, w));
        var weights = TpeSettings.Weights(30);
        Assert.Equal(1.0 / 30, weights[0], 12);
        Assert.Equal(1.0, weights[4], 12);
        Assert.True(weights.Take(5).Zip(weights.Skip(1).Take(4)).All(p => p.First < p.Second));
        Assert.All(weights.Skip(5), w => Assert.Equal(1, w));
    }
}
