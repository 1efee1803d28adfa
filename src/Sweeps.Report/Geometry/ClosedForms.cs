namespace Sweeps.Report.Geometry;

/// <summary>
/// Which metric of each geometry job is an estimate, which metric holds its closed form (computed by the job from
/// Sweeps.Geometry's formulas, e.g. <c>ShellFractionEstimate.ExactFor</c>, <c>InscribedBall.VolumeFraction</c>,
/// <c>OccupancyClosedForm</c>) and which its standard error. The report reads these columns rather than recomputing
/// the formulas, so the page shows what the trials recorded and what <c>sweeps query</c> prints.
/// </summary>
/// <param name="ClosedForm">The metric holding the exact (or asymptotic, or Bayes-optimal) value; null when none exists.</param>
/// <param name="Error">The metric holding the estimate's standard error; null: the spread between replicates is used.</param>
internal sealed record ClosedForm(string Estimate, string? ClosedFormMetric, string? Error, string Meaning)
{
    private static readonly Dictionary<string, ClosedForm[]> ByJob = new(StringComparer.Ordinal)
    {
        ["geometry.shell-fraction"] = [new("fraction", "exact", "stderr", "exact: 1 − (1 − ε)^D")],
        ["geometry.ball-in-cube"] = [new("fraction", "exact", "stderr", "exact: the inscribed ball's volume over the cube's")],
        ["geometry.grid-occupancy"] =
        [
            new("occupied_cells", "occupied_cells_exact", null, "exact: M(1 − (1 − 1/M)^N) for M = bins^D cells"),
            new("empty_fraction", "empty_fraction_exact", null, "exact expectation"),
            new("points_alone_fraction", "points_alone_fraction_exact", null, "exact: (1 − 1/M)^(N−1)"),
        ],
        ["geometry.angles"] =
        [
            new("std_deg", "std_deg_asymptotic", null, "asymptotic: (180/π)/√D"),
            new("mean_deg", null, "mean_stderr", "90° by symmetry"),
            new("within_5deg_of_90", null, "within_5deg_of_90_stderr", ""),
        ],
        ["geometry.knn"] = [new("accuracy", "bayes_accuracy", "stderr", "the Bayes classifier's accuracy")],
        ["geometry.distance-concentration"] = [new("relative_contrast", null, "stderr", "")],
    };

    /// <summary>The estimates a job reports with their closed forms; empty for a job that is not a geometry job.</summary>
    public static IReadOnlyList<ClosedForm> For(string job) => ByJob.TryGetValue(job, out var forms) ? forms : [];
}
