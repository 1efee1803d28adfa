using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Sweeps.Report.Tests.Support;

/// <summary>A report parsed as a browser's HTML parser would (AngleSharp), with the lookups the tests share.</summary>
internal sealed class Page(IDocument document)
{
    public IDocument Document { get; } = document;

    public static Page Parse(string html) => new(new HtmlParser().ParseDocument(html));

    public IReadOnlyList<IElement> Figures(string kind) => Document.QuerySelectorAll($"figure[data-kind='{kind}']").ToList();

    public IElement Figure(string kind, string subject) =>
        Figures(kind).Single(f => f.GetAttribute("data-subject") == subject);

    /// <summary>Markers ScottPlot drew in a figure's SVG: one ellipse each.</summary>
    public static int Markers(IElement figure) => figure.QuerySelectorAll("svg ellipse").Length;

    public static int DeclaredPoints(IElement figure) => int.Parse(figure.GetAttribute("data-points")!);
}
