using System.Text;
using Sweeps.Report.Sections;
using Sweeps.Store;

namespace Sweeps.Report;

/// <summary>
/// One sweep's report as a single self-contained HTML page: the figures are inline SVG drawn by ScottPlot, the styles
/// inline, no script and nothing fetched (a Content-Security-Policy forbids it), so the file opens anywhere offline.
/// </summary>
public static class SweepReport
{
    public static string Build(ResultStore store, string sweep, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        var results = SweepResults.Load(store, sweep);
        var html = new StringBuilder(1 << 20);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>{Html.Escape(results.Row.Name)}: sweep report</title><style>{PageStyle.Css}</style></head><body>\n");
        html.Append(HeaderSection.Html(results));
        html.Append(Sections(store, results, options));
        html.Append($"<footer>Made by sweeps report at {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC.</footer>\n");
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>
    /// The report's best trials and figures as HTML sections without the page around them, for a page that shows a
    /// running sweep and redraws them as it goes (the dashboard). An unknown sweep is a <see cref="ReportException"/>.
    /// </summary>
    public static string Sections(ResultStore store, string sweep, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        return Sections(store, SweepResults.Load(store, sweep), options);
    }

    private static string Sections(ResultStore store, SweepResults results, ReportOptions options)
    {
        var best = BestTrialsSection.Read(store, results);
        return BestTrialsSection.Html(results, best) + FigureSections.ObjectiveByParameter(results, options)
            + FigureSections.Curves(results, best.FirstOrDefault(), options) + ImportanceSection.Html(results, options) + FigureSections.Geometry(results);
    }

    /// <summary>The report's styles, for another page that shows its sections.</summary>
    public static string Css => PageStyle.Css;
}
