using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary><c>geometry.grid-occupancy</c>: empty grids; cells grow like b^D, data does not.</summary>
public sealed class GridOccupancyJob : IJob
{
    public const string Kind = "geometry.grid-occupancy";
    public const long DefaultPoints = 1000;
    public const long DefaultBins = 10;

    public static JobDefinition Definition { get; } = new(
        Kind,
        "Cells of a b^D grid occupied by N uniform points, against M (1 - (1 - 1/M)^N) with M = b^D.",
        [
            JobParameter.Integer("dimension", "dimension of the unit cube").Within(1, ParameterCheck.MaxDimension),
            JobParameter.Integer("points", "points to drop into the grid", DefaultPoints)
                .Within(1, GridOccupancySettings.MaxPoints, "the table of occupied cells holds one entry per point"),
            JobParameter.Integer("bins", "intervals per axis", DefaultBins).Within(1, GridOccupancySettings.MaxBins),
        ],
        [
            "occupied_cells", "occupied_cells_exact", "empty_fraction", "points_alone_fraction",
            "occupied_cells_sd", "empty_fraction_exact", "points_alone_fraction_exact", "log10_cells",
        ],
        () => new GridOccupancyJob())
    {
        CheckPoint = p => SettingsFrom(p),
    };

    /// <summary>The trial's settings, checked: the same reading serves the spec's check and the run.</summary>
    public static GridOccupancySettings SettingsFrom(TrialParameters p) => new GridOccupancySettings(p.GetInteger("dimension"), p.GetInteger("points", DefaultPoints), p.GetInteger("bins", DefaultBins));

    public JobResult Run(JobContext context)
    {
        var settings = SettingsFrom(context.Parameters);
        var estimate = GridOccupancySampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        return JobResult.Of(
            ("occupied_cells", estimate.OccupiedCells),
            ("occupied_cells_exact", estimate.ExpectedOccupied),
            ("empty_fraction", estimate.EmptyFraction),
            ("points_alone_fraction", estimate.PointsAloneFraction),
            ("occupied_cells_sd", estimate.OccupiedStandardDeviation),
            ("empty_fraction_exact", estimate.ExpectedEmptyFraction),
            ("points_alone_fraction_exact", estimate.ExpectedAloneFraction),
            ("log10_cells", estimate.LogCells / Math.Log(10)));
    }
}
