using System.Globalization;
using System.Text;
using Sweeps.Report;

namespace Sweeps.Server.Dashboard;

/// <summary>
/// The dashboard's HTML: the page around the parts, the table of sweeps, a sweep's progress and running trials. Every
/// name comes from a user or a plugin and goes through <see cref="Html.Escape"/>; links also through URL escaping.
/// </summary>
internal static class DashboardHtml
{
    private const string Style = "progress{width:12em}.state{font-weight:bold}nav{margin-bottom:1em}";

    public static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        // an empty icon: else the browser asks for /favicon.ico and logs the 404 as an error
        $"<link rel=\"icon\" href=\"data:,\"><title>{Html.Escape(title)}</title><style>{SweepReport.Css}{Style}</style></head><body>\n" +
        body + $"\n<script>{DashboardScript.Text}</script></body></html>\n";

    public static string SweepLink(string prefix, string name) => $"{prefix}/sweeps/{Uri.EscapeDataString(name)}";

    public static string Sweeps(string prefix, IReadOnlyList<SweepView> sweeps)
    {
        var html = new StringBuilder($"<span hidden data-done=\"{sweeps.Sum(s => s.Done)}\"></span>");
        if (sweeps.Count == 0) return html.Append("<p>The store has no sweep yet.</p>").ToString();
        html.Append("<table class=\"sweeps\"><thead><tr><th>sweep</th><th>job</th><th>state</th><th>progress</th><th>done</th><th>failed</th><th>running</th><th>planned</th><th>rate</th><th>ETA</th></tr></thead><tbody>");
        foreach (var sweep in sweeps)
        {
            html.Append($"<tr data-sweep=\"{Html.Escape(sweep.Name)}\"><td><a href=\"{Html.Escape(SweepLink(prefix, sweep.Name))}\">{Html.Escape(sweep.Name)}</a></td>");
            html.Append($"<td>{Html.Escape(sweep.Job)}</td><td class=\"state\">{Html.Escape(sweep.State)}</td><td>{Bar(sweep)}</td>");
            html.Append(Counts(sweep)).Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    public static string Progress(SweepView sweep)
    {
        var html = new StringBuilder($"<span hidden data-done=\"{sweep.Done}\"></span>");
        html.Append($"<p class=\"facts\">job <b>{Html.Escape(sweep.Job)}</b>, state <b class=\"state\">{Html.Escape(sweep.State)}</b> {Bar(sweep)}</p>");
        html.Append("<table class=\"counts\"><thead><tr><th>done</th><th>failed</th><th>running</th><th>planned</th><th>rate</th><th>ETA</th></tr></thead><tbody><tr>");
        html.Append(Counts(sweep)).Append("</tr></tbody></table>");
        html.Append($"<h2>Running trials ({sweep.Running})</h2>");
        if (sweep.RunningTrials.Count == 0) return html.Append("<p class=\"note\">None is running now.</p>").ToString();
        html.Append("<table class=\"running\"><thead><tr><th>trial</th><th>worker</th><th>running for</th><th>progress</th><th>step</th><th>latest metrics</th></tr></thead><tbody>");
        var now = DateTime.UtcNow;
        foreach (var trial in sweep.RunningTrials)
        {
            html.Append($"<tr data-trial=\"{trial.Index}\"><td class=\"num\">{trial.Index}</td><td>{Html.Escape(trial.Worker)}</td>");
            html.Append($"<td>{(trial.StartedAt is { } started ? Duration(now - started.ToUniversalTime()) : "")}</td>");
            html.Append($"<td>{(trial.Fraction is { } f ? $"{f * 100:0}%" : "")}</td><td class=\"num\">{trial.Step}</td><td>");
            html.Append(trial.Metrics is { Count: > 0 } metrics
                ? string.Join(", ", metrics.Select(m => $"{Html.Escape(m.Key)} = <span data-value=\"{Html.Exact(m.Value)}\">{Html.Escape(Html.Show(m.Value))}</span>"))
                : "<span class=\"note\">known to a coordinator only</span>");
            html.Append("</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string Counts(SweepView sweep) =>
        $"<td class=\"num\" data-count=\"done\">{sweep.Done}</td><td class=\"num\" data-count=\"failed\">{sweep.Failed}</td>" +
        $"<td class=\"num\" data-count=\"running\">{sweep.Running}</td><td class=\"num\" data-count=\"planned\">{sweep.Total}</td>" +
        $"<td>{(sweep.IsOver || sweep.Rate is null ? "" : $"{sweep.Rate.Value.ToString("0.##", CultureInfo.InvariantCulture)} trials/s")}</td>" +
        $"<td>{(sweep.Eta is { } eta ? Duration(eta) : "")}</td>";

    private static string Bar(SweepView sweep) =>
        $"<progress max=\"{Math.Max(1, sweep.Total)}\" value=\"{Math.Min(sweep.Done, Math.Max(1, sweep.Total))}\"></progress>";

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 0 } => "0 s",
        { TotalDays: >= 1 } d => $"{(long)d.TotalDays} d {d.Hours} h",
        { TotalHours: >= 1 } h => $"{h.Hours} h {h.Minutes} min",
        { TotalMinutes: >= 1 } m => $"{m.Minutes} min {m.Seconds} s",
        { } s => $"{s.Seconds} s",
    };
}
