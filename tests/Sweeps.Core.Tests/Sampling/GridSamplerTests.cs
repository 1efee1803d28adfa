using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Sampling;

/// <summary>A grid visits every combination exactly once, in nested-loop order, computed from the index alone.</summary>
public class GridSamplerTests
{
    [Fact]
    public void A_3_by_4_by_2_grid_has_24_distinct_points_with_constants_fixed()
    {
        var sampler = SamplerFactory.Create(Some.Sweep(SamplerKind.Grid, null, 0,
            Some.Choice("a", 1, 2, 3),
            Some.Constant("fixed", 0.5),
            Some.Range("b", 0, 3, steps: 4),
            Some.Choice("c", 10, 20)));

        var points = Enumerable.Range(0, (int)sampler.PointCount).Select(i => sampler.PointAt(i).ToString()).ToList();

        Assert.Equal(24, sampler.PointCount);
        Assert.Equal(24, points.Distinct().Count());
        Assert.All(Enumerable.Range(0, 24), i => Assert.Equal(0.5, sampler.PointAt(i).GetReal("fixed")));
        Assert.Equal("a=1, fixed=0.5, b=0, c=10", points[0]);
        Assert.Equal("a=1, fixed=0.5, b=0, c=20", points[1]);
        Assert.Equal("a=1, fixed=0.5, b=1, c=10", points[2]);
        Assert.Equal("a=3, fixed=0.5, b=3, c=20", points[23]);
    }

    [Theory]
    [InlineData(0, 1, RangeScale.Linear, false, 5, "0 0.25 0.5 0.75 1")]
    [InlineData(1, 1000, RangeScale.Log, false, 4, "1 10 100 1000")]
    [InlineData(1, 3, RangeScale.Linear, true, 5, "1 2 3")]
    [InlineData(1, 100, RangeScale.Log, true, 7, "1 2 5 10 22 46 100")]
    [InlineData(-2, 2, RangeScale.Linear, true, 5, "-2 -1 0 1 2")]
    [InlineData(5, 5, RangeScale.Linear, false, 3, "5")]
    public void A_range_axis_is_spaced_evenly_on_its_scale_with_ends_included_and_repeats_dropped(
        double min, double max, RangeScale scale, bool isInteger, int steps, string expected)
    {
        var sampler = new GridSampler([Some.Range("x", min, max, scale, isInteger, steps)]);

        var values = Enumerable.Range(0, (int)sampler.PointCount)
            .Select(i => sampler.PointAt(i).GetReal("x"))
            .Select(v => Math.Round(v, 9).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, string.Join(" ", values));
    }

    [Fact]
    public void Int_axes_give_integer_values()
    {
        var sampler = new GridSampler([Some.Range("x", 1, 3, isInteger: true, steps: 3)]);

        Assert.Equal(ParameterKind.Integer, sampler.PointAt(2)[0].Value.Kind);
    }

    [Fact]
    public void A_grid_of_only_constants_is_one_point()
    {
        var sampler = new GridSampler([Some.Constant("x", 1)]);

        Assert.Equal((1L, "x=1"), (sampler.PointCount, sampler.PointAt(0).ToString()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void An_index_outside_the_grid_is_refused(long index)
    {
        var sampler = new GridSampler([Some.Choice("a", 1, 2, 3), Some.Choice("b", 1, 2)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.PointAt(index));
    }
}
