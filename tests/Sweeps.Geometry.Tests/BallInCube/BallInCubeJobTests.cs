using Sweeps.Geometry.BallInCube;
using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.BallInCube;

public class BallInCubeJobTests
{
    [Theory]
    // dimension, ball / cube (science.md)
    [InlineData(1, 1.0)]
    [InlineData(2, 0.7854)]
    [InlineData(3, 0.5236)]
    [InlineData(5, 0.1645)]
    [InlineData(10, 0.00249)]
    [InlineData(20, 2.46e-8)]
    public void The_exact_fraction_is_the_inscribed_ball_over_the_cube(int dimension, double expected)
    {
        Assert.Equal(expected, InscribedBall.VolumeFraction(dimension), expected * 2e-3);
    }

    [Fact]
    public void The_exact_fraction_at_D_10000_is_tiny_but_not_a_crash()
    {
        var fraction = InscribedBall.VolumeFraction(10_000);
        Assert.True(fraction >= 0 && double.IsFinite(fraction));
    }

    [Theory]
    [InlineData(2, 100_000)]
    [InlineData(3, 100_000)]
    [InlineData(5, 100_000)]
    [InlineData(10, 400_000)]
    public void The_estimate_agrees_with_the_closed_form_within_four_standard_errors(int dimension, int samples)
    {
        var m = Trial.Run("geometry.ball-in-cube", $"dimension={dimension}, samples={samples}").Metrics;

        Assert.Equal(m["exact"], m["fraction"], 4 * m["stderr"]);
        Assert.Equal(m["hits"] / samples, m["fraction"]);
        Assert.Equal(samples, m["samples"]);
        Assert.InRange(m["fraction_upper95"], m["fraction"], 1);
    }

    [Theory]
    // dimension, diameter of the ball between the 2^D packed balls of diameter 1 in the side-2 cube
    [InlineData(4, 1.0)]
    [InlineData(9, 2.0)]
    [InlineData(16, 3.0)]
    public void The_inner_ball_pokes_out_of_the_cube_beyond_nine_dimensions(int dimension, double diameter)
    {
        var m = Trial.Run("geometry.ball-in-cube", $"dimension={dimension}, samples=10").Metrics;
        Assert.Equal(diameter, m["inner_ball_diameter"], 1e-12);
    }

    [Fact]
    public void No_hit_at_D_20_gives_zero_and_an_honest_upper_bound()
    {
        var m = Trial.Run("geometry.ball-in-cube", "dimension=20, samples=20000").Metrics;

        Assert.Equal(0, m["hits"]);
        Assert.Equal(0, m["fraction"]);
        Assert.Equal(0, m["stderr"]);
        Assert.Equal(1 - Math.Pow(0.05, 1.0 / 20000), m["fraction_upper95"], 1e-12);
        Assert.InRange(m["fraction_upper95"], m["exact"], 3.0 / 20000);
        Assert.All(m.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void The_standard_error_is_calibrated()
    {
        var covered = Enumerable.Range(0, 200).Count(seed =>
        {
            var m = Trial.Run("geometry.ball-in-cube", "dimension=3, samples=1000", (ulong)seed).Metrics;
            return Math.Abs(m["fraction"] - m["exact"]) <= 1.96 * m["stderr"];
        });
        Assert.InRange(covered / 200.0, 0.90, 0.99);
    }
}
