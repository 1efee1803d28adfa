using System.Globalization;
using System.Text;
using ScottPlot;
using Sweeps.Core.Lifecycle;
using Sweeps.Store;

namespace Sweeps.Report.Geometry;

/// <summary>
/// A geometry metric against <c>dimension</c>: at each dimension the mean of the replicates' estimates with an error
/// bar, and the closed form drawn through the same dimensions; a table beside it holds the same numbers.
/// </summary>
internal static class DimensionFigure
{
    public static Figures.Figure? Draw(ClosedForm form, ParameterAxis dimension, IReadOnlyList<TrialRow> trials)
    {
        var rows = new List<(double Dimension, int N, double Estimate, double Error, double? Exact)>();
        foreach (var group in trials.Where(t => t.Status == TrialStatus.Completed && t.Metrics.TryGetValue(form.Estimate, out var v) && double.IsFinite(v))
                     .GroupBy(t => t.Parameters.TryGet(dimension.Name, out var d) && d.IsNumeric ? d.Number : double.NaN)
                     .Where(g => double.IsFinite(g.Key) && g.Key > 0).OrderBy(g => g.Key))
        {
            var estimates = group.Select(t => t.Metrics[form.Estimate]).ToArray();
            var n = estimates.Length;
            var mean = estimates.Average();
            // The mean of n replicates: its error from each one's reported standard error, else from their spread.
            var errors = form.Error is { } e ? group.Select(t => t.Metrics.TryGetValue(e, out var s) ? s : double.NaN).Where(double.IsFinite).ToArray() : [];
            var error = errors.Length == n ? Math.Sqrt(errors.Sum(s => s * s)) / n
                : n > 1 ? Math.Sqrt(estimates.Sum(x => (x - mean) * (x - mean)) / (n - 1) / n) : 0;
            double? exact = form.ClosedFormMetric is { } c && group.Select(t => t.Metrics.TryGetValue(c, out var x) ? x : double.NaN).Where(double.IsFinite).ToArray() is { Length: > 0 } xs ? xs.Average() : null;
            rows.Add((group.Key, n, mean, error, exact));
        }
        if (rows.Count == 0) return null;

        var plot = new Plot();
        var x = rows.Select(r => dimension.IsLog ? Math.Log10(r.Dimension) : r.Dimension).ToArray();
        var withExact = rows.Select((r, i) => (X: x[i], r.Exact)).Where(p => p.Exact is not null).ToArray();
        if (withExact.Length > 0)
        {
            var line = plot.Add.ScatterLine(withExact.Select(p => p.X).ToArray(), withExact.Select(p => p.Exact!.Value).ToArray());
            line.Color = Colors.Red;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = "closed form";
        }
        var bars = plot.Add.ErrorBar(x, rows.Select(r => r.Estimate).ToArray(), rows.Select(r => r.Error).ToArray());
        bars.Color = Colors.Black;
        var points = plot.Add.ScatterPoints(x, rows.Select(r => r.Estimate).ToArray());
        points.MarkerSize = 6;
        points.Color = Colors.Black;
        if (dimension.IsLog) Figures.LogAxis.Apply(plot.Axes.Bottom);
        plot.XLabel("dimension" + (dimension.IsLog ? " (log scale)" : ""));
        plot.YLabel(form.Estimate);
        var caption = $"{form.Estimate} against dimension: the estimate (mean of replicates ± its standard error, black)" +
                      (withExact.Length > 0 ? $" and the closed form {form.ClosedFormMetric} (red line; {form.Meaning})" : form.Meaning.Length > 0 ? $" ({form.Meaning})" : "");
        return new Figures.Figure("geometry", caption, Figures.Svg.Of(plot), rows.Count, Table(form, rows)) { Subject = form.Estimate };
    }

    private static string Table(ClosedForm form, List<(double Dimension, int N, double Estimate, double Error, double? Exact)> rows)
    {
        var html = new StringBuilder($"<table class=\"geometry\"><thead><tr><th>dimension</th><th>trials</th><th>{Html.Escape(form.Estimate)} (mean)</th><th>±</th>");
        if (form.ClosedFormMetric is { } c) html.Append($"<th>{Html.Escape(c)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var r in rows)
        {
            html.Append($"<tr><td class=\"num\">{r.Dimension.ToString(CultureInfo.InvariantCulture)}</td><td class=\"num\">{r.N}</td>");
            html.Append(Html.NumberCell(r.Estimate)).Append(Html.NumberCell(r.Error));
            if (form.ClosedFormMetric is not null) html.Append(r.Exact is { } e ? Html.NumberCell(e) : "<td></td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }
}
