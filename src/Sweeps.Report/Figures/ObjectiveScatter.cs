using ScottPlot;
using Sweeps.Store;

namespace Sweeps.Report.Figures;

/// <summary>The objective against one numeric parameter: a point per completed trial, on a log axis for log ranges.</summary>
internal static class ObjectiveScatter
{
    public static Figure Draw(ParameterAxis axis, string metric, IReadOnlyList<(TrialRow Trial, double Value)> scored, int mostPoints)
    {
        var points = scored.Select(s => (X: axis.Plotted(s.Trial.Parameters), Y: s.Value)).Where(p => p.X is not null).Select(p => (X: p.X!.Value, p.Y)).ToList();
        var shown = Thinning.Evenly(points, mostPoints);
        var plot = new Plot();
        if (shown.Count > 0)
        {
            var scatter = plot.Add.ScatterPoints(shown.Select(p => p.X).ToArray(), shown.Select(p => p.Y).ToArray());
            scatter.MarkerSize = 4;
            scatter.MarkerColor = Colors.SteelBlue.WithAlpha(0.6);
        }
        if (axis.IsLog) LogAxis.Apply(plot.Axes.Bottom);
        plot.XLabel(axis.Name + (axis.IsLog ? " (log scale)" : ""));
        plot.YLabel(metric);
        var caption = $"{metric} against {axis.Name}: {points.Count} completed trial(s)";
        return new Figure("scatter", caption, Svg.Of(plot), shown.Count)
        {
            Subject = axis.Name,
            Note = shown.Count < points.Count ? $"{shown.Count} of {points.Count} trials drawn, evenly spread over the trial order, to keep the page small" : null,
        };
    }
}
