using System.Text.RegularExpressions;
using PuppeteerSharp;
using Sweeps.Cli.Tests.Support;
using Sweeps.Report.Tests.Support;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Report.Tests.Dashboard;

/// <summary>
/// The real thing: <c>sweeps run</c> works through a slow sweep into a SQLite store while <c>sweeps dashboard</c> serves
/// it, and headless Chromium watches the page count more finished trials and redraw its figures without reloading.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    private static readonly string Artefacts = Path.Combine(AppContext.BaseDirectory, "artefacts");
    private static readonly WaitForFunctionOptions Patiently = new() { Timeout = 0, PollingInterval = 200 };

    private const string Spec =
        "name: slow\njob: noop\nsampler: random\ntrials: 400\nseed: 1\nparameters:\n  sleep_ms: {min: 100, max: 300}\nobjective: {metric: value, goal: minimize}\n";

    [NeedsChromiumFact]
    public async Task The_dashboard_of_a_running_sweep_updates_itself_in_chromium_with_no_console_error()
    {
        var folder = TestStores.NewFolder();
        File.WriteAllText(Path.Combine(folder, "slow.yaml"), Spec);
        var db = Path.Combine(folder, "sweeps.db");
        using var run = SweepsProcess.Start(folder, "run", "slow.yaml", "--db", db, "--workers", "1");
        WaitUntilTrialsFinished(run, db, atLeast: 3);
        using var dashboard = SweepsProcess.Start(folder, "dashboard", "--db", db, "--port", "0");
        dashboard.WaitForLog("Dashboard on http://127.0.0.1:", TimeSpan.FromMinutes(1));
        var address = Address().Match(dashboard.Errors + dashboard.Output).Value;

        await using var browser = await Chromium.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        var (errors, dialogs) = Chromium.Watch(page);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
        await page.GoToAsync($"{address}/sweeps/slow", new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 0 });
        // a mark on this document: a reload would make a new one without it
        await page.EvaluateExpressionAsync("window.sameDocument = true");

        var first = await Seen(page);
        Assert.InRange(first.Done, 3, 399);
        Assert.Equal(400, first.Planned);
        // one point a completed trial on the scatter of value against sleep_ms (the counts and the figure are read a moment apart)
        Assert.InRange(first.Markers, 3, 399);
        Assert.Equal(first.Declared, first.Markers);
        Assert.Contains("scatter", first.Kinds);

        // the counts come from the small part the script fetches; the figures are redrawn when trials have finished since
        await page.WaitForFunctionAsync($"() => +document.querySelector('#progress [data-count=done]').textContent > {first.Done}", Patiently);
        await page.WaitForFunctionAsync($"() => document.querySelector('figure[data-kind=scatter] svg').querySelectorAll('ellipse').length > {first.Markers}", Patiently);
        var later = await Seen(page);
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.sameDocument === true"), "the page was reloaded");
        Assert.True(later.Done > first.Done);
        Assert.Equal(later.Declared, later.Markers);

        Directory.CreateDirectory(Artefacts);
        await page.ScreenshotAsync(Path.Combine(Artefacts, "dashboard.png"), new ScreenshotOptions { FullPage = true });
        lock (errors) Assert.Empty(errors);
        lock (dialogs) Assert.Empty(dialogs);
        Assert.False(run.HasExited, "the sweep should still be running when the page has updated; make it longer");
    }

    private sealed record SeenPage(int Done, int Planned, int Markers, int Declared, string[] Kinds);

    private static Task<SeenPage> Seen(IPage page) => page.EvaluateExpressionAsync<SeenPage>(
        "(() => { const scatter = document.querySelector('figure[data-kind=scatter]'); return { " +
        "done: +document.querySelector('#progress [data-count=done]').textContent, planned: +document.querySelector('#progress [data-count=planned]').textContent, " +
        "markers: scatter ? scatter.querySelectorAll('svg ellipse').length : 0, declared: scatter ? +scatter.dataset.points : -1, " +
        "kinds: Array.from(document.querySelectorAll('figure')).map(f => f.dataset.kind) }; })()");

    /// <summary>Waits until the store holds the sweep with so many trials finished (the run logs trial by trial; the store is the truth).</summary>
    private static void WaitUntilTrialsFinished(SweepsProcess run, string db, int atLeast)
    {
        while (true)
        {
            if (run.HasExited) throw new InvalidOperationException($"sweeps run ended early:\n{run.Output}\n{run.Errors}");
            if (File.Exists(db))
            {
                try
                {
                    var store = ResultStore.OpenToRead(StoreLocation.Parse(db));
                    if (store.FindSweep("slow") is { } row && store.Summarize(row).Done >= atLeast) return;
                }
                catch (StoreException)
                {
                    // the run is still creating its tables
                }
            }
            Thread.Sleep(100);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Address();
}
