using System.Text;

namespace Sweeps.Report.Figures;

/// <summary>
/// One figure of the report: ScottPlot's SVG inlined in a &lt;figure&gt;, with how many data points it marks (each a
/// marker in the SVG, which the tests count), a caption, and optional HTML beside it (a table of the same numbers).
/// </summary>
/// <param name="Kind">What sort of figure: scatter, boxes, curves, importance, marginal, geometry.</param>
/// <param name="Caption">Plain text; escaped here.</param>
/// <param name="Points">Markers drawn: one per trial on a scatter, one per dimension on a geometry figure.</param>
/// <param name="Beside">HTML already escaped by its builder (a table), or empty.</param>
internal sealed record Figure(string Kind, string Caption, string Svg, int Points, string Beside = "")
{
    /// <summary>A note under the caption, e.g. that points were thinned; plain text.</summary>
    public string? Note { get; init; }

    /// <summary>For a figure of curves: how many it draws.</summary>
    public int? Curves { get; init; }

    /// <summary>The parameter or metric the figure is about, for finding it on the page.</summary>
    public string? Subject { get; init; }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append($"<figure class=\"figure\" data-kind=\"{Html.Escape(Kind)}\" data-points=\"{Points}\"");
        if (Curves is { } curves) html.Append($" data-curves=\"{curves}\"");
        if (Subject is { } subject) html.Append($" data-subject=\"{Html.Escape(subject)}\"");
        html.Append('>').Append(Svg);
        html.Append($"<figcaption>{Html.Escape(Caption)}");
        if (Note is { } note) html.Append($"<br><span class=\"note\">{Html.Escape(note)}</span>");
        html.Append("</figcaption>").Append(Beside).Append("</figure>\n");
        return html.ToString();
    }
}
