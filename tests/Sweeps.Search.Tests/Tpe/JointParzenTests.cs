using MathNet.Numerics.Distributions;
using Sweeps.Search.Tpe;

namespace Sweeps.Search.Tests.Tpe;

public sealed class JointParzenTests
{
    private static readonly JointAxis[] Box = [JointAxis.Range(-5, 10), JointAxis.Range(0, 15)];

    // Points along a rising diagonal of the box: x2 grows with x1.
    private static readonly double[][] Diagonal = Enumerable.Range(0, 12).Select(i => new[] { -4 + i * 1.1, 1 + i * 1.2 }).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(12, JointBandwidth.Neighbours)]
    public void The_density_integrates_to_one_over_the_box(int observations, JointBandwidth bandwidth = JointBandwidth.Scott)
    {
        var parzen = new JointParzen(Box, Diagonal.Take(observations).ToArray(), Ones(observations), 1.0, bandwidth);
        const int steps = 400;
        var (h1, h2) = (15.0 / steps, 15.0 / steps);
        var integral = 0.0;
        for (var i = 0; i < steps; i++)
            for (var j = 0; j < steps; j++)
                integral += Math.Exp(parzen.LogDensity([-5 + (i + 0.5) * h1, (j + 0.5) * h2])) * h1 * h2;
        Assert.Equal(1.0, integral, 3);
    }

    [Fact]
    public void With_a_choice_axis_the_density_sums_and_integrates_to_one()
    {
        JointAxis[] axes = [JointAxis.Range(0, 1), JointAxis.Choice(3)];
        double[][] observations = [[0.2, 0], [0.25, 0], [0.8, 2], [0.9, 2], [0.5, 1]];
        var parzen = new JointParzen(axes, observations, [1, 1, 1, 1, 0.5], 1.0);
        const int steps = 4000;
        var total = 0.0;
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < steps; i++)
                total += Math.Exp(parzen.LogDensity([(i + 0.5) / steps, c])) / steps;
        Assert.Equal(1.0, total, 4);
    }

    /// <summary>One observation in 1-D: its kernel's Scott bandwidth 0.2 is clipped up to (high − low)/min(100, n + 2) = 1/3.</summary>
    [Fact]
    public void Bandwidths_follow_Scotts_rule_clipped_as_Optuna_clips_them()
    {
        var one = new JointParzen([JointAxis.Range(0, 1)], [[0.3]], [1], 1.0, JointBandwidth.Scott);
        Assert.Equal(Math.Log(0.5 * Truncated(0.6, 0.3, 1 / 3.0) + 0.5 * Truncated(0.6, 0.5, 1)), one.LogDensity([0.6]), 12);

        // 50 observations in 2-D: σ = 0.2 · 50^(−1/6) · 15, above the clip 15/52.
        var many = Enumerable.Range(0, 50).Select(i => new[] { 2.0, 7.0 }).ToArray();
        var parzen = new JointParzen(Box, many, Ones(50), 1.0, JointBandwidth.Scott);
        var sigma = 0.2 * Math.Pow(50, -1.0 / 6) * 15;
        var expected = Math.Log(50.0 / 51 * Truncated(3, 2, sigma, -5, 10) * Truncated(6, 7, sigma, 0, 15)
                                + 1.0 / 51 * Truncated(3, 2.5, 15, -5, 10) * Truncated(6, 7.5, 15, 0, 15));
        Assert.Equal(expected, parzen.LogDensity([3, 6]), 10);
    }

    /// <summary>Optuna 5's bandwidths: each value's larger gap to a neighbour, the outermost ones without the range's ends.</summary>
    [Fact]
    public void Neighbour_bandwidths_are_each_kernels_gap_to_its_neighbours()
    {
        double[][] observations = [[0.1], [0.2], [0.5], [0.9]];
        var parzen = new JointParzen([JointAxis.Range(0, 1)], observations, [1, 1, 1, 1], 1.0, JointBandwidth.Neighbours);
        // gaps 0.1 (not 0.1 to the end), 0.3, 0.4, 0.4 (not 0.1 to the end); the clip is 1/6
        double[] sigmas = [1 / 6.0, 0.3, 0.4, 0.4];
        var x = 0.35;
        var expected = Math.Log(observations.Select((o, k) => 0.2 * Truncated(x, o[0], sigmas[k])).Sum() + 0.2 * Truncated(x, 0.5, 1));
        Assert.Equal(expected, parzen.LogDensity([x]), 12);
    }

    [Fact]
    public void Draws_stay_in_the_box_and_match_the_densitys_means_spreads_and_correlation()
    {
        var parzen = new JointParzen(Box, Diagonal, Ones(Diagonal.Length), 1.0);
        var random = new SplitMixStream(7);
        var draws = Enumerable.Range(0, 40_000).Select(_ => parzen.Sample(ref random)).ToArray();
        Assert.All(draws, d =>
        {
            Assert.InRange(d[0], -5, 10);
            Assert.InRange(d[1], 0, 15);
        });

        var (m1, m2, v1, v2, c12) = Moments(draws.Select(d => (d[0], d[1], 1.0)));
        const int steps = 300;
        var grid = from i in Enumerable.Range(0, steps)
                   from j in Enumerable.Range(0, steps)
                   let x = -5 + (i + 0.5) * 15.0 / steps
                   let y = (j + 0.5) * 15.0 / steps
                   select (x, y, Math.Exp(parzen.LogDensity([x, y])) * (15.0 / steps) * (15.0 / steps));
        var (e1, e2, w1, w2, d12) = Moments(grid);
        Assert.Equal(e1, m1, 0.1);
        Assert.Equal(e2, m2, 0.1);
        Assert.Equal(w1, v1, w1 * 0.05);
        Assert.Equal(w2, v2, w2 * 0.05);
        Assert.Equal(d12, c12, 0.05);
        Assert.True(c12 > 0.5, $"draws should follow the diagonal, correlation {c12}");
    }

    [Fact]
    public void Choices_are_drawn_together_with_the_numbers_they_were_observed_with()
    {
        // choice 0 was seen near 0.1, choice 1 near 0.9: a draw near 0.9 mostly comes with choice 1.
        double[][] observations = [.. Enumerable.Range(0, 10).Select(i => new[] { 0.1 + i * 0.001, 0 }), .. Enumerable.Range(0, 10).Select(i => new[] { 0.9 - i * 0.001, 1 })];
        var parzen = new JointParzen([JointAxis.Range(0, 1), JointAxis.Choice(2)], observations, Ones(20), 1.0);
        var random = new SplitMixStream(11);
        var high = Enumerable.Range(0, 5000).Select(_ => parzen.Sample(ref random)).Where(d => d[0] > 0.8).ToArray();
        Assert.True(high.Length > 1000);
        Assert.True(high.Count(d => d[1] == 1) > 0.85 * high.Length, $"{high.Count(d => d[1] == 1)} of {high.Length}");
        Assert.True(parzen.LogDensity([0.9, 1]) > parzen.LogDensity([0.9, 0]) + 1);
    }

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static double Truncated(double x, double mu, double sigma, double low = 0, double high = 1) =>
        Normal.PDF(mu, sigma, x) / (Normal.CDF(mu, sigma, high) - Normal.CDF(mu, sigma, low));

    /// <summary>Weighted means, variances and correlation of (x, y).</summary>
    private static (double, double, double, double, double) Moments(IEnumerable<(double X, double Y, double W)> points)
    {
        var list = points.ToList();
        var w = list.Sum(p => p.W);
        var (mx, my) = (list.Sum(p => p.W * p.X) / w, list.Sum(p => p.W * p.Y) / w);
        var vx = list.Sum(p => p.W * (p.X - mx) * (p.X - mx)) / w;
        var vy = list.Sum(p => p.W * (p.Y - my) * (p.Y - my)) / w;
        var cxy = list.Sum(p => p.W * (p.X - mx) * (p.Y - my)) / w;
        return (mx, my, vx, vy, cxy / Math.Sqrt(vx * vy));
    }
}
