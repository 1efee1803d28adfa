using System.Text;
using ScottPlot;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Report.Figures;

/// <summary>
/// The objective for each choice of a categorical parameter: a box (quartiles, whiskers at the extremes) with the trials
/// as points over it, and beside it the table <c>sweeps compare</c> prints: each group's mean, spread and Welch's test
/// against the baseline (the first choice the spec lists).
/// </summary>
internal static class ChoiceBoxes
{
    public static Figure Draw(ParameterAxis axis, string metric, IReadOnlyList<TrialRow> trials, IReadOnlyList<(TrialRow Trial, double Value)> scored, bool? lowerIsBetter, int mostPoints)
    {
        var baseline = axis.Choices[0];
        var groups = GroupComparison.Compare(trials, axis.Name, metric, baseline, lowerIsBetter);
        var plot = new Plot();
        var xs = new List<double>();
        var ys = new List<double>();
        var random = new Random(0); // jitter only: the same page for the same sweep
        for (var i = 0; i < axis.Choices.Count; i++)
        {
            var values = scored.Where(s => s.Trial.Parameters.TryGet(axis.Name, out var v) && v.ToString() == axis.Choices[i]).Select(s => s.Value).Order().ToList();
            if (values.Count == 0) continue;
            plot.Add.Box(new Box
            {
                Position = i,
                BoxMin = Quantile(values, 0.25),
                BoxMax = Quantile(values, 0.75),
                BoxMiddle = Quantile(values, 0.5),
                WhiskerMin = values[0],
                WhiskerMax = values[^1],
                FillColor = Colors.SteelBlue.WithAlpha(0.25),
            });
            foreach (var value in values)
            {
                xs.Add(i + (random.NextDouble() - 0.5) * 0.3);
                ys.Add(value);
            }
        }
        var kept = Thinning.Evenly(xs.Zip(ys).ToList(), mostPoints);
        if (kept.Count > 0)
        {
            var points = plot.Add.ScatterPoints(kept.Select(p => p.First).ToArray(), kept.Select(p => p.Second).ToArray());
            points.MarkerSize = 4;
            points.MarkerColor = Colors.Black.WithAlpha(0.5);
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, axis.Choices.Count).Select(i => (double)i).ToArray(), axis.Choices.ToArray());
        plot.XLabel(axis.Name);
        plot.YLabel(metric);
        return new Figure("boxes", $"{metric} by {axis.Name}: each choice against {baseline} with Welch's t-test", Svg.Of(plot), kept.Count, Table(axis.Name, baseline, groups, lowerIsBetter))
        {
            Subject = axis.Name,
            Note = kept.Count < xs.Count ? $"{kept.Count} of {xs.Count} trials drawn as points; the boxes use them all" : null,
        };
    }

    private static string Table(string by, string baseline, IReadOnlyList<GroupSummary> groups, bool? lowerIsBetter)
    {
        var html = new StringBuilder("<table class=\"compare\"><thead><tr>");
        foreach (var column in new[] { by, "n", "no value", "mean", "std", "median", "best", $"p vs {baseline}", "" })
            html.Append($"<th>{Html.Escape(column)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var g in groups)
        {
            html.Append($"<tr><td>{Html.Escape(g.Group)}</td><td class=\"num\">{g.Count}</td><td class=\"num\">{g.Missing}</td>");
            html.Append(Html.NumberCell(g.Mean)).Append(Html.NumberCell(g.StandardDeviation)).Append(Html.NumberCell(g.Median));
            html.Append(lowerIsBetter is null ? "<td></td>" : Html.NumberCell(g.Best));
            html.Append(g.P is { } p ? $"<td class=\"num\" data-value=\"{Html.Exact(p)}\">{p:0.0000}</td>" : "<td></td>");
            html.Append($"<td class=\"verdict\">{Html.Escape(g.Verdict)}</td></tr>");
        }
        html.Append("</tbody></table><p class=\"note\">Welch's two-sided t-test against the baseline; better/worse at p &lt; 0.05 (as sweeps compare).</p>");
        return html.ToString();
    }

    /// <summary>The q-quantile of sorted values, interpolating between neighbours.</summary>
    private static double Quantile(List<double> sorted, double q)
    {
        var at = q * (sorted.Count - 1);
        var low = (int)Math.Floor(at);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (at - low) * (sorted[high] - sorted[low]);
    }
}
