using Sweeps.Report.Tests.Support;

namespace Sweeps.Report.Tests;

/// <summary>Names in the store are user input: a sweep or parameter named like markup must come out as text.</summary>
public sealed class HostileNameTests
{
    private const string Sweep = "<script>alert(1)</script>";
    private const string Parameter = "<img src=x onerror=alert(2)>\"'&";

    [Fact]
    public void A_sweep_and_a_parameter_named_like_markup_are_shown_as_text()
    {
        var (store, _) = ReportStores.WithSweep(Sweep, 50, lr: Parameter);
        var html = SweepReport.Build(store, Sweep);
        var page = Page.Parse(html);

        Assert.Empty(page.Document.QuerySelectorAll("script, img"));
        Assert.Equal(Sweep, page.Document.QuerySelector("h1")!.TextContent);
        Assert.StartsWith(Sweep, page.Document.Title);
        Assert.Contains(Sweep, page.Document.QuerySelector("#spec pre")!.TextContent);
        Assert.Contains(page.Document.QuerySelectorAll("table.best th"), th => th.TextContent == Parameter);
        Assert.Equal(Page.DeclaredPoints(page.Figure("scatter", Parameter)), Page.Markers(page.Figure("scatter", Parameter)));
        Assert.Contains("<i>nig</i>", page.Figure("boxes", "variant").QuerySelector("table")!.TextContent);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<i>", html);
    }

    [Theory]
    [InlineData("<b>", "&lt;b&gt;")]
    [InlineData("a&b", "a&amp;b")]
    [InlineData("\"'", "&quot;&#39;")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    public void Escaping_replaces_what_could_end_an_element_or_attribute(string text, string escaped) =>
        Assert.Equal(escaped, Html.Escape(text));
}
