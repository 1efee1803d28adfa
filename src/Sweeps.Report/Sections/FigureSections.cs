using System.Text;
using Sweeps.Report.Figures;
using Sweeps.Report.Geometry;
using Sweeps.Store;

namespace Sweeps.Report.Sections;

/// <summary>The figures of the objective against each parameter, the learning curves, and the geometry figures.</summary>
internal static class FigureSections
{
    public static string ObjectiveByParameter(SweepResults results, ReportOptions options)
    {
        var html = new StringBuilder("<section id=\"parameters\"><h2>The objective against each parameter</h2>");
        if (results.Metric is not { } metric) return html.Append("<p>The trials report no metric yet.</p></section>\n").ToString();
        var scored = results.Scored().ToList();
        foreach (var axis in results.Axes)
        {
            var figure = axis.IsNumeric
                ? ObjectiveScatter.Draw(axis, metric, scored, options.MostPointsPerFigure(results.Axes.Count))
                : ChoiceBoxes.Draw(axis, metric, results.Trials, scored, results.LowerIsBetter, options.MostPointsPerFigure(results.Axes.Count));
            html.Append(figure.ToHtml());
        }
        if (results.Axes.Count == 0) html.Append("<p>No parameter varies in this sweep.</p>");
        return html.Append("</section>\n").ToString();
    }

    public static string Curves(SweepResults results, TrialRow? best, ReportOptions options)
    {
        // geometry jobs report histograms as series, not curves over training
        if (ClosedForm.For(results.Row.Job).Count > 0) return "";
        if (LearningCurves.SeriesFor(results.Metric, results.Trials) is not { } series) return "";
        var figure = LearningCurves.Draw(series, results.Trials, best, options.MostCurves);
        return figure is null ? "" : $"<section id=\"curves\"><h2>Learning curves</h2>{figure.ToHtml()}</section>\n";
    }

    public static string Geometry(SweepResults results)
    {
        var forms = ClosedForm.For(results.Row.Job);
        if (forms.Count == 0 || results.Axes.FirstOrDefault(a => a.Name == "dimension" && a.IsNumeric) is not { } dimension) return "";
        var html = new StringBuilder("<section id=\"geometry\"><h2>Against dimension, beside the closed forms</h2>");
        if (results.Axes.Count > 1)
            html.Append("<p class=\"note\">Other parameters vary too: each dimension's estimate is averaged over them.</p>");
        foreach (var form in forms.Where(f => results.Metrics.Contains(f.Estimate)))
            if (DimensionFigure.Draw(form, dimension, results.Trials) is { } figure) html.Append(figure.ToHtml());
        return html.Append("</section>\n").ToString();
    }
}
