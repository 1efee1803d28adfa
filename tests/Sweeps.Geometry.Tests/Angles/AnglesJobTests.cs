using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.Angles;

public class AnglesJobTests
{
    [Theory]
    // dimension, pairs, expected spread (degrees, science.md), tolerance
    [InlineData(100, 40_000, 5.76, 0.12)]
    [InlineData(1000, 10_000, 1.81, 0.05)]
    [InlineData(10_000, 2_000, 0.573, 0.03)]
    public void Random_directions_are_almost_orthogonal_with_spread_180_over_pi_sqrt_D(int dimension, int pairs, double spread, double tolerance)
    {
        var result = Trial.Run("geometry.angles", $"dimension={dimension}, pairs={pairs}");

        Assert.Equal(90, result.Metrics["mean_deg"], 4 * result.Metrics["mean_stderr"]);
        Assert.Equal(spread, result.Metrics["std_deg"], tolerance);
        Assert.Equal(180 / Math.PI / Math.Sqrt(dimension), result.Metrics["std_deg_asymptotic"], 1e-12);
        Assert.Equal(pairs, result.Metrics["pairs"]);
    }

    [Theory]
    // dimension, share of angles within 5 degrees of 90: P(|Z| < 5 / sd) for large D
    [InlineData(2, 0.02, 0.10)]
    [InlineData(100, 0.58, 0.65)]
    [InlineData(1000, 0.99, 1.0)]
    public void The_share_near_90_degrees_grows_with_dimension(int dimension, double low, double high)
    {
        var result = Trial.Run("geometry.angles", $"dimension={dimension}, pairs=20000");
        Assert.InRange(result.Metrics["within_5deg_of_90"], low, high);
    }

    [Theory]
    [InlineData(2, 180)]
    [InlineData(50, 36)]
    [InlineData(7, 1)]
    public void The_histogram_has_one_count_per_pair_in_the_requested_bins(int dimension, int bins)
    {
        var result = Trial.Run("geometry.angles", $"dimension={dimension}, pairs=5000, bins={bins}");

        var histogram = result.Series!["histogram"];
        Assert.Equal(bins, histogram.Length);
        Assert.Equal(5000, histogram.Sum());
    }

    [Fact]
    public void The_histogram_is_symmetric_about_90_degrees()
    {
        var histogram = Trial.Run("geometry.angles", "dimension=20, pairs=100000, bins=18").Series!["histogram"];
        // The difference of two Poisson counts has variance their sum.
        for (var i = 0; i < 9; i++)
            Assert.Equal(histogram[i], histogram[17 - i], 4 * Math.Sqrt(histogram[i] + histogram[17 - i] + 1));
    }

    [Fact]
    public void The_standard_error_of_the_mean_is_calibrated()
    {
        var covered = Enumerable.Range(0, 200).Count(seed =>
        {
            var m = Trial.Run("geometry.angles", "dimension=10, pairs=500", (ulong)seed).Metrics;
            return Math.Abs(m["mean_deg"] - 90) <= 1.96 * m["mean_stderr"];
        });
        Assert.InRange(covered / 200.0, 0.90, 0.99);
    }
}
