using System.Text;
using Sweeps.Report.Tests.Support;

namespace Sweeps.Report.Tests;

/// <summary>A 10,000-trial sweep's report stays under 5 MB, thinning what it must and saying so on the page.</summary>
public sealed class ReportSizeTests
{
    [Fact]
    public void The_report_of_ten_thousand_trials_is_under_five_megabytes()
    {
        var (store, folder) = ReportStores.WithSweep("big", 10_000);
        var html = SweepReport.Build(store, "big");
        var bytes = Encoding.UTF8.GetByteCount(html);
        File.WriteAllText(Path.Combine(folder, "big.html"), html);
        Assert.True(bytes < 5 * 1024 * 1024, $"{bytes:N0} bytes");

        var page = Page.Parse(html);
        Assert.All(page.Figures("scatter"), figure => Assert.Equal(9000, Page.Markers(figure)));
        Assert.Equal(ReportOptions.Default.MostCurves.ToString(), page.Figures("curves").Single().GetAttribute("data-curves"));
        Assert.Contains($"{ReportOptions.Default.MostCurves} of 9000 curves drawn", page.Figures("curves").Single().QuerySelector(".note")!.TextContent);
    }

    [Fact]
    public void Past_the_pages_budget_points_are_thinned_and_the_page_says_so()
    {
        var (store, _) = ReportStores.WithSweep("thinned", 3000);
        var page = Page.Parse(SweepReport.Build(store, "thinned", new ReportOptions(MostPointsOnPage: 3000)));
        var scatter = page.Figure("scatter", "lr");
        Assert.Equal(1000, Page.Markers(scatter));
        Assert.Equal(1000, Page.DeclaredPoints(scatter));
        Assert.Contains("1000 of 2700 trials drawn", scatter.QuerySelector(".note")!.TextContent);
    }
}
