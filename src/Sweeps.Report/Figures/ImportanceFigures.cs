using System.Text;
using ScottPlot;
using Sweeps.Analysis.Importance;

namespace Sweeps.Report.Figures;

/// <summary>
/// Parameter importance by functional ANOVA: a bar per parameter (the fraction of the objective's variance it explains
/// alone), a table of the pairs that explain most together, and the marginal curves of the top parameters.
/// </summary>
internal static class ImportanceFigures
{
    public static Figure Shares(ImportanceResult result, int trials)
    {
        var ranked = result.Parameters.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var plot = new Plot();
        var bars = plot.Add.Bars(ranked.Select(p => p.Value).ToArray());
        bars.Color = Colors.SteelBlue;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, ranked.Count).Select(i => (double)i).ToArray(), ranked.Select(p => p.Key).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("fraction of variance");
        var table = new StringBuilder("<table class=\"importance\"><thead><tr><th>parameter</th><th>fraction of variance</th></tr></thead><tbody>");
        foreach (var (name, share) in ranked) table.Append($"<tr><td>{Html.Escape(name)}</td>{Html.NumberCell(share)}</tr>");
        var pairs = result.Pairs.OrderByDescending(p => p.Value).Take(10).ToList();
        if (pairs.Count > 0)
        {
            table.Append("</tbody></table><table class=\"pairs\"><thead><tr><th>pair</th><th>fraction of variance (beyond each alone)</th></tr></thead><tbody>");
            foreach (var ((a, b), share) in pairs) table.Append($"<tr><td>{Html.Escape(a)} × {Html.Escape(b)}</td>{Html.NumberCell(share)}</tr>");
        }
        table.Append("</tbody></table>");
        return new Figure("importance", $"parameter importance by functional ANOVA over a random forest fitted on {trials} completed trial(s)", Svg.Of(plot), 0, table.ToString());
    }

    public static Figure Marginal(ParameterAxis axis, string metric, MarginalCurve curve)
    {
        var plot = new Plot();
        var xs = curve.At;
        var upper = curve.Mean.Zip(curve.StandardDeviation, (m, s) => m + s).ToArray();
        var lower = curve.Mean.Zip(curve.StandardDeviation, (m, s) => m - s).ToArray();
        foreach (var (ys, color, width) in new[] { (lower, Colors.SteelBlue.WithAlpha(0.4), 1f), (upper, Colors.SteelBlue.WithAlpha(0.4), 1f), (curve.Mean, Colors.SteelBlue, 2.5f) })
        {
            var line = plot.Add.ScatterLine(xs, ys);
            line.Color = color;
            line.LineWidth = width;
            line.MarkerSize = 0;
        }
        if (axis.Choices.Count > 0)
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, axis.Choices.Count).Select(i => (double)i).ToArray(), axis.Choices.ToArray());
        else if (axis.IsLog) LogAxis.Apply(plot.Axes.Bottom);
        plot.XLabel(axis.Name + (axis.IsLog && axis.Choices.Count == 0 ? " (log scale)" : ""));
        plot.YLabel(metric);
        return new Figure("marginal", $"marginal of {metric} over {axis.Name} (the other parameters averaged over their ranges): the forest's mean, ± one standard deviation between its trees", Svg.Of(plot), 0)
        {
            Subject = axis.Name,
        };
    }
}
