using System.Text;
using Sweeps.Analysis.Importance;
using Sweeps.Report.Figures;

namespace Sweeps.Report.Sections;

/// <summary>Parameter importance: functional ANOVA over a random forest of the completed trials (Sweeps.Analysis).</summary>
internal static class ImportanceSection
{
    public static string Html(SweepResults results, ReportOptions options)
    {
        var html = new StringBuilder("<section id=\"importance\"><h2>Parameter importance</h2>");
        if (results.Metric is not { } metric || results.Axes.Count == 0)
            return html.Append("<p>No parameter varies, or the trials report no metric: nothing to apportion.</p></section>\n").ToString();
        var rows = results.Scored()
            .Select(s => (X: results.Axes.Select(a => a.ForForest(s.Trial.Parameters)).ToArray(), s.Value))
            .Where(r => r.X.All(v => v is not null))
            .Select(r => (X: r.X.Select(v => v!.Value).ToArray(), r.Value)).ToList();
        if (rows.Count < 2)
            return html.Append("<p>Fewer than two completed trials with a value of the metric: nothing to fit.</p></section>\n").ToString();
        var fitted = Thinning.Evenly(rows, options.MostForestTrials);
        var result = ParameterImportance.Compute(results.Axes.Select(a => a.Name).ToList(), fitted.Select(r => r.X).ToArray(), fitted.Select(r => r.Value).ToArray(),
            results.Axes.Select(a => a.ForestDomain).ToArray(), options.ForestTrees, seed: 0);
        var shares = ImportanceFigures.Shares(result, fitted.Count);
        if (fitted.Count < rows.Count) shares = shares with { Note = $"the forest is fitted on {fitted.Count} of {rows.Count} trials, evenly spread over the trial order" };
        html.Append("<p>The fraction of the variance of ").Append(Report.Html.Escape(metric))
            .Append(" each parameter explains alone, and each pair together beyond that (Hutter, Hoos and Leyton-Brown 2014). Log ranges are fitted as logarithms and choices as their index.</p>");
        html.Append(shares.ToHtml());
        foreach (var axis in results.Axes.OrderByDescending(a => result.Parameters[a.Name]).ThenBy(a => a.Name, StringComparer.Ordinal).Take(options.MarginalsOfTop))
            html.Append(ImportanceFigures.Marginal(axis, metric, result.Marginals[axis.Name]).ToHtml());
        return html.Append("</section>\n").ToString();
    }
}
