namespace Sweeps.Report;

/// <summary>How much a report draws: bounds that keep a 10,000-trial sweep's page a few megabytes.</summary>
/// <param name="MostPointsPerFigure">Markers on one scatter or box figure; more trials are thinned evenly, and the page says so.</param>
/// <param name="MostCurves">Learning curves on the one figure of them.</param>
/// <param name="MarginalsOfTop">How many of the most important parameters get a marginal curve.</param>
/// <param name="ForestTrees">Trees in the importance forest.</param>
/// <param name="MostForestTrials">Trials the forest is fitted on; more are thinned evenly (the fractions need hundreds, not tens of thousands).</param>
public sealed record ReportOptions(int MostPointsPerFigure = 2000, int MostCurves = 200, int MarginalsOfTop = 3, int ForestTrees = 32, int MostForestTrials = 3000)
{
    public static ReportOptions Default { get; } = new();
}
