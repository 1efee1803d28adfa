using ScottPlot;
using Sweeps.Store;

namespace Sweeps.Report.Figures;

/// <summary>
/// Learning curves: each trial's intermediate reports of one series against the report's step, pruned trials faded,
/// the best trial drawn last, thick and red.
/// </summary>
internal static class LearningCurves
{
    /// <summary>The series to draw: the metric's own when trials report one of that name, else the one most trials report.</summary>
    public static string? SeriesFor(string? metric, IReadOnlyList<TrialRow> trials)
    {
        var names = trials.Where(t => t.Series is not null).SelectMany(t => t.Series!.Keys).GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        return metric is not null && names.Contains(metric) ? metric : names.FirstOrDefault();
    }

    /// <summary>A trial stopped early by a scheduler: its job's details say <c>pruned</c>.</summary>
    public static bool IsPruned(TrialRow trial) => trial.Details is { } d && d.TryGetValue("pruned", out var v) && v != "false";

    public static Figure? Draw(string series, IReadOnlyList<TrialRow> trials, TrialRow? best, int mostCurves)
    {
        var withCurve = trials.Where(t => t.Series?.TryGetValue(series, out var values) == true && values.Length > 0).ToList();
        if (withCurve.Count == 0) return null;
        // the best as read for the table is another object: find its row here by index
        var bestRow = best is null ? null : withCurve.FirstOrDefault(t => t.Index == best.Index);
        var shown = Thinning.Evenly(withCurve.Where(t => t != bestRow).ToList(), bestRow is null ? mostCurves : mostCurves - 1).ToList();
        var plot = new Plot();
        var pruned = 0;
        foreach (var trial in shown)
        {
            var faded = IsPruned(trial);
            if (faded) pruned++;
            Line(plot, trial.Series![series], faded ? Colors.Gray.WithAlpha(0.25) : Colors.SteelBlue.WithAlpha(0.5), 1);
        }
        var drawnBest = bestRow is not null;
        if (bestRow is not null) Line(plot, bestRow.Series![series], Colors.Red, 3);
        var cut = OutlierCut(shown.Append(bestRow).OfType<TrialRow>().SelectMany(t => t.Series![series]).Where(double.IsFinite).ToList());
        if (cut is { } limits) plot.Axes.SetLimitsY(limits.Low, limits.High);
        plot.XLabel("report");
        plot.YLabel(series);
        var curves = shown.Count + (drawnBest ? 1 : 0);
        return new Figure("curves", $"learning curves of {series}: {withCurve.Count} trial(s)" + (drawnBest ? $", the best (trial {bestRow!.Index}) in red" : "") + (pruned > 0 ? $", {pruned} pruned faded" : ""),
            Svg.Of(plot), 0)
        {
            Curves = curves,
            Subject = series,
            Note = string.Join("; ", new[]
            {
                curves < withCurve.Count ? $"{curves} of {withCurve.Count} curves drawn, evenly spread over the trial order, to keep the page small" : null,
                cut is { } c ? $"the y axis stops at {Html.Show(c.High)}: a few diverging curves run above it" : null,
            }.OfType<string>()) is { Length: > 0 } note ? note : null,
        };
    }

    /// <summary>
    /// Limits for the y axis when a few diverging trials would squash every other curve into a line: up to the 98th
    /// percentile of the values plus a margin. Null when the values have no such outliers.
    /// </summary>
    private static (double Low, double High)? OutlierCut(List<double> values)
    {
        if (values.Count < 10) return null;
        values.Sort();
        var (low, high, max) = (values[0], values[(int)(0.98 * (values.Count - 1))], values[^1]);
        if (!(max > high + 3 * (high - low)) || high <= low) return null;
        var margin = 0.05 * (high - low);
        return (low - margin, high + margin);
    }

    private static void Line(Plot plot, double[] values, Color color, float width)
    {
        var finite = values.Select((v, i) => (X: (double)i, Y: v)).Where(p => double.IsFinite(p.Y)).ToArray();
        if (finite.Length == 0) return;
        var line = plot.Add.ScatterLine(finite.Select(p => p.X).ToArray(), finite.Select(p => p.Y).ToArray());
        line.Color = color;
        line.LineWidth = width;
        line.MarkerSize = 0;
    }
}
