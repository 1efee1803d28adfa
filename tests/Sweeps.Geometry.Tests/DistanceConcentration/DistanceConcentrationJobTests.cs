using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.DistanceConcentration;

public class DistanceConcentrationJobTests
{
    [Fact]
    public void The_relative_contrast_shrinks_as_dimension_grows()
    {
        var contrasts = new[] { 2, 10, 100, 1000 }
            .Select(d => Trial.Run("geometry.distance-concentration", $"dimension={d}, points=300, queries=30").Metrics)
            .ToArray();

        for (var i = 1; i < contrasts.Length; i++)
        {
            Assert.True(contrasts[i]["relative_contrast"] < contrasts[i - 1]["relative_contrast"]);
            Assert.True(contrasts[i]["log10_relative_contrast"] < contrasts[i - 1]["log10_relative_contrast"]);
        }
        Assert.InRange(contrasts[^1]["relative_contrast"], 0.05, 0.3);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void The_standard_error_is_the_spread_over_independent_queries(int dimension)
    {
        var m = Trial.Run("geometry.distance-concentration", $"dimension={dimension}, points=200, queries=50").Metrics;

        Assert.True(m["stderr"] > 0 && m["stderr"] < m["relative_contrast"]);
        Assert.Equal(0, m["degenerate_queries"]);
        Assert.Equal(50, m["queries"]);
    }

    [Fact]
    public void Repeated_runs_scatter_as_the_standard_error_says()
    {
        var runs = Enumerable.Range(0, 60)
            .Select(seed => Trial.Run("geometry.distance-concentration", "dimension=50, points=100, queries=20", (ulong)seed).Metrics)
            .ToArray();
        var mean = runs.Average(m => m["relative_contrast"]);
        var spread = Math.Sqrt(runs.Sum(m => Math.Pow(m["relative_contrast"] - mean, 2)) / (runs.Length - 1));
        var stderr = runs.Average(m => m["stderr"]);
        Assert.InRange(spread / stderr, 0.7, 1.4);
    }
}
