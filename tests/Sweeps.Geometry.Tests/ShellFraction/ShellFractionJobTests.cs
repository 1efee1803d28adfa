using Sweeps.Geometry.ShellFraction;
using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.ShellFraction;

public class ShellFractionJobTests
{
    [Theory]
    // dimension, epsilon, 1 - (1 - eps)^D (science.md)
    [InlineData(2, 0.01, 0.0199)]
    [InlineData(3, 0.01, 0.0297)]
    [InlineData(100, 0.01, 0.634)]
    [InlineData(230, 0.01, 0.901)]
    [InlineData(400, 0.01, 0.982)]
    public void The_exact_fraction_is_one_minus_one_minus_epsilon_to_the_D(int dimension, double epsilon, double expected)
    {
        Assert.Equal(expected, ShellFractionEstimate.ExactFor(dimension, epsilon), 5e-4);
    }

    [Fact]
    public void A_tiny_epsilon_keeps_its_digits()
    {
        Assert.Equal(3e-15, ShellFractionEstimate.ExactFor(3, 1e-15), 1e-27);
    }

    [Theory]
    [InlineData(1, 0.3, 20_000)]
    [InlineData(2, 0.01, 40_000)]
    [InlineData(10, 0.05, 20_000)]
    [InlineData(100, 0.01, 10_000)]
    [InlineData(400, 0.01, 4_000)]
    public void The_estimate_agrees_with_the_closed_form_within_four_standard_errors(int dimension, double epsilon, int samples)
    {
        var m = Trial.Run("geometry.shell-fraction", $"dimension={dimension}, epsilon={epsilon:R}, samples={samples}").Metrics;

        Assert.Equal(m["exact"], m["fraction"], 4 * m["stderr"]);
        Assert.Equal(samples, m["samples"]);
    }

    [Fact]
    public void The_standard_error_is_calibrated()
    {
        var covered = Enumerable.Range(0, 200).Count(seed =>
        {
            var m = Trial.Run("geometry.shell-fraction", "dimension=10, epsilon=0.05, samples=1000", (ulong)seed).Metrics;
            return Math.Abs(m["fraction"] - m["exact"]) <= 1.96 * m["stderr"];
        });
        Assert.InRange(covered / 200.0, 0.90, 0.99);
    }

    [Fact]
    public void No_hit_in_a_thin_shell_gives_zero_and_a_positive_upper_bound()
    {
        var m = Trial.Run("geometry.shell-fraction", "dimension=2, epsilon=1e-9, samples=1000").Metrics;

        Assert.Equal(0, m["fraction"]);
        Assert.True(m["fraction_upper95"] > 0);
        Assert.All(m.Values, v => Assert.True(double.IsFinite(v)));
    }
}
