using System.Text;
using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Report.Sections;

/// <summary>
/// The best trials by the objective, read from the store with the query <c>sweeps best</c> runs, so the two agree:
/// completed trials with a value of the metric, sorted by it in the objective's direction.
/// </summary>
internal static class BestTrialsSection
{
    public const int Count = 10;

    public static IReadOnlyList<TrialRow> Read(ResultStore store, SweepResults results)
    {
        if (results.Spec.Objective is not { } objective) return [];
        var parameters = results.Spec.Parameters.Select(p => p.Name).ToList();
        var fields = TrialFieldSet.For(parameters, results.Metrics.Append(objective.Metric).Distinct());
        var field = fields.TryResolve(TrialFieldSet.MetricPrefix + objective.Metric, out var resolved) ? resolved : new TrialField(objective.Metric, FieldSource.Metric, objective.Metric);
        var query = new TrialQuery(TrialFilter.Parse($"status = completed and {TrialFieldSet.MetricPrefix}{objective.Metric} >= -1e999", fields),
            new TrialSort(field, objective.Goal == ObjectiveGoal.Maximize), Count, WithSeries: false);
        return store.ReadTrials(results.Row.Name, query).ToList();
    }

    public static string Html(SweepResults results, IReadOnlyList<TrialRow> best)
    {
        if (results.Spec.Objective is not { } objective) return "<section id=\"best\"><h2>Best trials</h2><p>This sweep has no objective, so no trial is best.</p></section>\n";
        // the varying parameters only: constants are the same in every row and stand in the spec above
        var parameters = results.Axes.Select(a => a.Name).ToList();
        var html = new StringBuilder($"<section id=\"best\"><h2>Best {best.Count} trial(s) by {Report.Html.Escape(objective.Metric)} ({(objective.Goal == ObjectiveGoal.Minimize ? "lower" : "higher")} is better)</h2>");
        html.Append("<table class=\"best\"><thead><tr><th>trial</th><th>replicate</th>");
        html.Append($"<th>{Report.Html.Escape(objective.Metric)}</th>");
        foreach (var name in parameters) html.Append($"<th>{Report.Html.Escape(name)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var trial in best)
        {
            html.Append($"<tr data-trial=\"{trial.Index}\"><td class=\"num\">{trial.Index}</td><td class=\"num\">{trial.Replicate}</td>");
            html.Append(Report.Html.NumberCell(trial.Metrics[objective.Metric]));
            foreach (var name in parameters)
                html.Append(!trial.Parameters.TryGet(name, out var value) ? "<td></td>"
                    : value.Kind == ParameterKind.Real ? Report.Html.NumberCell(value.Number)
                    : $"<td>{Report.Html.Escape(value.ToString())}</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table></section>\n").ToString();
    }
}
