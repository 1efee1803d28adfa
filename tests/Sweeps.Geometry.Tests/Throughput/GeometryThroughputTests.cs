using Sweeps.Geometry;

namespace Sweeps.Geometry.Tests.Throughput;

public class GeometryThroughputTests
{
    [Fact]
    public void Every_job_kind_gets_a_positive_figure_and_angles_its_plain_C_reference()
    {
        var figures = GeometryThroughput.Measure([2, 100], TimeSpan.FromMilliseconds(40));

        Assert.Equal(12, figures.Count);
        Assert.Equal(GeometryJobs.Definitions.Select(d => d.Kind).Order(), figures.Select(f => f.JobKind).Distinct().Order());
        Assert.All(figures, f => Assert.True(f.PerSecond > 0 && double.IsFinite(f.PerSecond)));
        Assert.Equal(3.55e6, figures.Single(f => f.JobKind == "geometry.angles" && f.Dimension == 100).ReferencePerSecond);
        Assert.Null(figures.Single(f => f.JobKind == "geometry.knn" && f.Dimension == 2).ReferencePerSecond);
    }

    [Fact]
    public void Kinds_can_be_picked()
    {
        var figures = GeometryThroughput.Measure([3], TimeSpan.FromMilliseconds(20), ["geometry.ball-in-cube"]);
        Assert.Equal("samples", Assert.Single(figures).Unit);
    }
}
