using Sweeps.Core.Jobs;
using Sweeps.Geometry.Angles;
using Sweeps.Geometry.BallInCube;
using Sweeps.Geometry.DistanceConcentration;
using Sweeps.Geometry.GridOccupancy;
using Sweeps.Geometry.Knn;
using Sweeps.Geometry.ShellFraction;

namespace Sweeps.Geometry;

/// <summary>The six curse-of-dimensionality job kinds, for a node's <see cref="JobRegistry"/>.</summary>
public static class GeometryJobs
{
    public static IReadOnlyList<JobDefinition> Definitions { get; } =
    [
        GridOccupancyJob.Definition,
        BallInCubeJob.Definition,
        AnglesJob.Definition,
        ShellFractionJob.Definition,
        DistanceConcentrationJob.Definition,
        KnnJob.Definition,
    ];

    public static JobRegistry Register(JobRegistry registry)
    {
        foreach (var definition in Definitions) registry.Register(definition);
        return registry;
    }
}
