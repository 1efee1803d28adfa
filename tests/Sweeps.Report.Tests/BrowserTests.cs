using PuppeteerSharp;
using Sweeps.Report.Tests.Support;

namespace Sweeps.Report.Tests;

/// <summary>
/// The report opened in real headless Chromium (Debian's, never a downloaded one): every figure's SVG is drawn with
/// its points, nothing goes to the console as an error, a hostile name opens no dialog, and a screenshot is kept.
/// </summary>
public sealed class BrowserTests
{
    private static readonly string Artefacts = Path.Combine(AppContext.BaseDirectory, "artefacts");

    [NeedsChromiumFact]
    public async Task The_report_renders_in_chromium_with_every_figures_points_and_no_console_error()
    {
        var (store, folder) = ReportStores.WithSweep("synthetic", 300);
        var file = Path.Combine(folder, "report.html");
        File.WriteAllText(file, SweepReport.Build(store, "synthetic"));

        var seen = await Open(file, Path.Combine(Artefacts, "report.png"));

        Assert.Empty(seen.Errors);
        Assert.Empty(seen.Dialogs);
        Assert.Equal(["boxes", "curves", "importance", "marginal", "marginal", "marginal", "scatter", "scatter"], seen.Figures.Select(f => f.Kind).Order(StringComparer.Ordinal));
        Assert.All(seen.Figures, f => Assert.Equal(f.Declared, f.Markers));
        Assert.All(seen.Figures, f => Assert.True(f.Width > 100 && f.Height > 50, $"{f.Kind} is drawn {f.Width}x{f.Height}"));
        Assert.Equal(270, seen.Figures.First(f => f.Kind == "scatter").Markers);
        Assert.True(new FileInfo(Path.Combine(Artefacts, "report.png")).Length > 10_000);
    }

    [NeedsChromiumFact]
    public async Task A_sweep_named_like_a_script_opens_no_dialog()
    {
        const string name = "<script>alert(1)</script>";
        var (store, folder) = ReportStores.WithSweep(name, 40, lr: "<img src=x onerror=alert(2)>");
        var file = Path.Combine(folder, "hostile.html");
        File.WriteAllText(file, SweepReport.Build(store, name));

        var seen = await Open(file, Path.Combine(Artefacts, "hostile.png"));

        Assert.Empty(seen.Dialogs);
        Assert.Empty(seen.Errors);
        Assert.Equal(name, seen.Heading);
    }

    private sealed record SeenFigure(string Kind, int Markers, int Declared, double Width, double Height);

    private sealed record Seen(List<string> Errors, List<string> Dialogs, SeenFigure[] Figures, string Heading);

    private static async Task<Seen> Open(string file, string screenshot)
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        var (errors, dialogs) = Chromium.Watch(page);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
        await page.GoToAsync(new Uri(file).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 0 });
        var figures = await page.EvaluateExpressionAsync<SeenFigure[]>(
            "Array.from(document.querySelectorAll('figure')).map(f => { const r = f.querySelector('svg').getBoundingClientRect(); " +
            "return { kind: f.dataset.kind, markers: f.querySelectorAll('svg ellipse').length, declared: +f.dataset.points, width: r.width, height: r.height }; })");
        var heading = await page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        lock (errors) lock (dialogs) return new Seen([.. errors], [.. dialogs], figures, heading);
    }
}
