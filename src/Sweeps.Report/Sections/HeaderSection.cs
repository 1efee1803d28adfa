using System.Globalization;
using System.Text;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Report.Sections;

/// <summary>The top of the page: the sweep's name and state, its counts by status, the elapsed time, and the spec.</summary>
internal static class HeaderSection
{
    public static string Html(SweepResults results)
    {
        var (row, summary) = (results.Row, results.Summary);
        var html = new StringBuilder();
        html.Append($"<header><h1 id=\"sweep-name\">{Report.Html.Escape(row.Name)}</h1>");
        html.Append($"<p class=\"facts\">job <b>{Report.Html.Escape(row.Job)}</b>, sampler {Report.Html.Escape(row.Sampler)}, state <b>{Report.Html.Escape(row.State.ToString().ToLowerInvariant())}</b>, submitted {row.SubmittedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        if (results.Spec.Objective is { } o)
            html.Append($"; objective: {(o.Goal == ObjectiveGoal.Minimize ? "minimize" : "maximize")} <b>{Report.Html.Escape(o.Metric)}</b>");
        html.Append("</p></header>\n");

        html.Append("<section id=\"counts\"><h2>Trials</h2><table class=\"counts\"><thead><tr><th>planned</th><th>completed</th><th>failed</th><th>pruned</th><th>running</th><th>pending</th><th>elapsed</th></tr></thead><tbody><tr>");
        foreach (var (key, value) in new (string, long)[] { ("planned", row.TotalTrials), ("completed", summary.Completed), ("failed", summary.Failed), ("pruned", summary.Pruned), ("running", summary.Running), ("pending", summary.Pending) })
            html.Append($"<td class=\"num\" data-count=\"{key}\">{value}</td>");
        html.Append($"<td>{Elapsed(results.Elapsed)}</td></tr></tbody></table></section>\n");

        html.Append($"<section id=\"spec\"><h2>Spec</h2><pre>{Report.Html.Escape(row.Spec)}</pre></section>\n");
        return html.ToString();
    }

    private static string Elapsed(TimeSpan? elapsed) => elapsed switch
    {
        null => "not started",
        { TotalHours: >= 1 } e => $"{(int)e.TotalHours} h {e.Minutes} min {e.Seconds} s",
        { TotalMinutes: >= 1 } e => $"{e.Minutes} min {e.Seconds} s",
        { } e => $"{e.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
    };
}
