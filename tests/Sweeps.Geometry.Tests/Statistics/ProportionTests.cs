using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.Tests.Statistics;

public class ProportionTests
{
    [Theory]
    // hits, trials, fraction, stderr, upper bound
    [InlineData(0, 1000, 0.0, 0.0, 0.0029914)]
    [InlineData(0, 1, 0.0, 0.0, 0.95)]
    [InlineData(1000, 1000, 1.0, 0.0, 1.0)]
    [InlineData(500, 1000, 0.5, 0.0158114, 0.5265)]
    [InlineData(3, 10, 0.3, 0.1449138, 0.6066)]
    [InlineData(1, 1_000_000_000, 1e-9, 1e-9, 4.744e-9)]
    [InlineData(5, 1_000_000_000_000, 5e-12, 2.236068e-12, 1.0513e-11)]
    public void Fraction_standard_error_and_upper_bound(long hits, long trials, double fraction, double stderr, double upper)
    {
        var p = new Proportion(hits, trials);
        Assert.Equal(fraction, p.Fraction, 1e-12);
        Assert.Equal(stderr, p.StandardError, stderr * 1e-4 + 1e-15);
        Assert.Equal(upper, p.Upper95, upper * 2e-3);
    }
}
