namespace Sweeps.Report;

/// <summary>How much a report draws: bounds that keep a 10,000-trial sweep's page a few megabytes.</summary>
/// <param name="MostPointsOnPage">Markers over all the scatter and box figures (each about 50 bytes), shared equally between them;
/// more trials are thinned evenly, and the page says so. 10,000 trials of up to four parameters are drawn whole.</param>
/// <param name="MostCurves">Learning curves on the one figure of them.</param>
/// <param name="MarginalsOfTop">How many of the most important parameters get a marginal curve.</param>
/// <param name="ForestTrees">Trees in the importance forest.</param>
/// <param name="MostForestTrials">Trials the forest is fitted on; more are thinned evenly (the fractions need hundreds, not tens of thousands).</param>
public sealed record ReportOptions(int MostPointsOnPage = 40_000, int MostCurves = 200, int MarginalsOfTop = 3, int ForestTrees = 32, int MostForestTrials = 1000)
{
    public static ReportOptions Default { get; } = new();

    /// <summary>Markers on each of so many figures: an equal share of the page's, but never fewer than a thousand.</summary>
    public int MostPointsPerFigure(int figures) => Math.Max(1000, MostPointsOnPage / Math.Max(1, figures));
}
