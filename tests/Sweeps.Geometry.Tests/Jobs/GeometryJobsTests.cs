using Sweeps.Core.Jobs;
using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.Jobs;

public class GeometryJobsTests
{
    public static TheoryData<string, string, string[]> Interface => new()
    {
        { "geometry.grid-occupancy", "dimension=3", ["occupied_cells", "occupied_cells_exact", "empty_fraction", "points_alone_fraction"] },
        { "geometry.ball-in-cube", "dimension=3, samples=1000", ["fraction", "stderr", "exact", "hits", "inner_ball_diameter", "samples"] },
        { "geometry.angles", "dimension=3, pairs=1000", ["mean_deg", "std_deg", "within_5deg_of_90", "pairs"] },
        { "geometry.shell-fraction", "dimension=3, samples=1000", ["fraction", "stderr", "exact", "samples"] },
        { "geometry.distance-concentration", "dimension=3, points=50, queries=5", ["relative_contrast", "stderr"] },
        { "geometry.knn", "dimension=3, train=50, test=50", ["accuracy", "stderr", "chance"] },
    };

    [Fact]
    public void Register_adds_the_six_kinds()
    {
        var registry = GeometryJobs.Register(new JobRegistry());
        Assert.Equal(
            ["geometry.angles", "geometry.ball-in-cube", "geometry.distance-concentration", "geometry.grid-occupancy", "geometry.knn", "geometry.shell-fraction"],
            registry.Kinds);
        Assert.Equal(6, GeometryJobs.Definitions.Count);
    }

    [Theory]
    [MemberData(nameof(Interface))]
    public void Each_kind_reports_the_metrics_it_promises_all_finite(string kind, string parameters, string[] required)
    {
        var definition = GeometryJobs.Definitions.Single(d => d.Kind == kind);
        var result = Trial.Run(kind, parameters);

        Assert.Subset(definition.Metrics.ToHashSet(), required.ToHashSet());
        Assert.Equal(definition.Metrics.Order(), result.Metrics.Keys.Order());
        Assert.All(result.Metrics.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(Interface))]
    public void Dimension_is_required_and_every_other_parameter_has_a_default(string kind, string parameters, string[] required)
    {
        _ = (parameters, required);
        var definition = GeometryJobs.Definitions.Single(d => d.Kind == kind);

        Assert.True(definition.FindParameter("dimension")!.Required);
        Assert.All(definition.Parameters.Where(p => p.Name != "dimension"), p => Assert.NotNull(p.Default));
        var run = Trial.Run(kind, "dimension=2");
        Assert.NotEmpty(run.Metrics);
    }

    [Theory]
    [MemberData(nameof(Interface))]
    public void The_same_seed_gives_the_same_metrics_bit_for_bit(string kind, string parameters, string[] required)
    {
        _ = required;
        var first = Trial.Run(kind, parameters, seed: 9);
        var again = Trial.Run(kind, parameters, seed: 9);
        var other = Trial.Run(kind, parameters, seed: 10);

        Assert.Equal(Bits(first.Metrics), Bits(again.Metrics));
        Assert.NotEqual(Bits(first.Metrics), Bits(other.Metrics));
    }

    [Theory]
    [InlineData("geometry.grid-occupancy", "dimension=10000, points=200")]
    [InlineData("geometry.ball-in-cube", "dimension=10000, samples=200")]
    [InlineData("geometry.angles", "dimension=10000, pairs=200")]
    [InlineData("geometry.shell-fraction", "dimension=10000, samples=200, epsilon=0.0001")]
    [InlineData("geometry.distance-concentration", "dimension=10000, points=20, queries=5")]
    [InlineData("geometry.knn", "dimension=10000, train=20, test=20, k=3")]
    public void Ten_thousand_dimensions_work(string kind, string parameters)
    {
        var result = Trial.Run(kind, parameters);
        Assert.All(result.Metrics.Values, v => Assert.True(double.IsFinite(v)));
    }

    private static string Bits(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(";", metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={BitConverter.DoubleToInt64Bits(m.Value):X}"));
}
