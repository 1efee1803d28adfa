using Sweeps.Cli.Tests.Support;
using Sweeps.Report.Tests.Support;
using Sweeps.Server.Dashboard;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Report.Tests.Dashboard;

/// <summary>The dashboard served by its own host over a real SQLite store opened to read: its pages, and the answers to odd requests.</summary>
public sealed class DashboardHttpTests : IAsyncLifetime
{
    private const string Hostile = "<img src=x onerror=alert(1)>";
    private DashboardHost _host = null!;
    private HttpClient _http = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        (var writing, _folder) = ReportStores.WithSweep("synthetic", 60);
        SyntheticSweep.Write(writing, Hostile, 20);
        _host = await DashboardHost.StartAsync(new DashboardOptions { Port = 0 }, ResultStore.OpenToRead(writing.Location));
        _http = new HttpClient { BaseAddress = _host.Address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public void It_listens_on_loopback_by_default() => Assert.Equal("127.0.0.1", _host.Address.Host);

    [Fact]
    public async Task The_first_page_lists_the_sweeps_with_their_counts_and_a_strict_policy()
    {
        var response = await _http.GetAsync("/");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("default-src 'none'; script-src 'sha256-", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var page = Page.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([Hostile, "synthetic"], page.Document.QuerySelectorAll("tr[data-sweep]").Select(r => r.GetAttribute("data-sweep")).Order(StringComparer.Ordinal));
        var synthetic = page.Document.QuerySelector("tr[data-sweep='synthetic']")!;
        Assert.Equal(["60", "6", "0", "60"], synthetic.QuerySelectorAll("td[data-count]").Select(c => c.TextContent));
        Assert.Empty(page.Document.QuerySelectorAll("img"));
    }

    [Fact]
    public async Task A_sweep_s_page_has_the_report_s_best_trials_and_figures_and_parts_to_update_itself()
    {
        var page = Page.Parse(await _http.GetStringAsync("/sweeps/synthetic"));

        Assert.Equal("synthetic", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("/sweeps/synthetic/live", page.Document.QuerySelector("#progress")!.GetAttribute("data-src"));
        Assert.Equal("/sweeps/synthetic/figures", page.Document.QuerySelector("#figures")!.GetAttribute("data-src"));
        Assert.Equal(10, page.Document.QuerySelectorAll("#best tbody tr").Length);
        Assert.Equal(["boxes", "curves", "importance", "marginal", "marginal", "marginal", "scatter", "scatter"],
            page.Document.QuerySelectorAll("figure").Select(f => f.GetAttribute("data-kind")!).Order(StringComparer.Ordinal));
        Assert.All(page.Figures("scatter"), f => Assert.Equal(Page.DeclaredPoints(f), Page.Markers(f)));
        Assert.Equal("60", page.Document.QuerySelector("#progress [data-count=done]")!.TextContent);

        var figures = Page.Parse(await _http.GetStringAsync("/sweeps/synthetic/figures"));
        Assert.Equal(8, figures.Document.QuerySelectorAll("figure").Length);
        Assert.Equal("60", figures.Document.QuerySelector("[data-drawn]")!.GetAttribute("data-drawn")); // drawn at 60 finished: the script asks again only when the count moves
        var live = Page.Parse(await _http.GetStringAsync("/sweeps/synthetic/live?running=5"));
        Assert.Equal("60", live.Document.QuerySelector("[data-done]")!.GetAttribute("data-done"));
    }

    [Fact]
    public async Task A_sweep_with_a_hostile_name_in_the_store_is_shown_escaped()
    {
        var page = Page.Parse(await _http.GetStringAsync("/sweeps/" + Uri.EscapeDataString(Hostile)));
        Assert.Equal(Hostile, page.Document.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("img"));
        Assert.Single(page.Document.QuerySelectorAll("script"));
    }

    [Theory]
    [InlineData("/sweeps/nope", 404, "no sweep named 'nope' in this store")]
    [InlineData("/sweeps/nope/live", 404, "no sweep named 'nope'")]
    [InlineData("/sweeps/nope/figures", 404, "no sweep named 'nope'")]
    [InlineData("/sweeps/%3Cscript%3E", 400, "'<script>' is not a sweep name: use 1 to 100 letters")]
    [InlineData("/sweeps/..%2F..%2Fetc", 400, "is not a sweep name")]
    [InlineData("/sweeps/%00", 400, "")] // Kestrel itself refuses a NUL in the path
    [InlineData("/sweeps/synthetic?running=-1", 400, "running: give how many running trials to list as one whole number from 1 to 200")]
    [InlineData("/sweeps/synthetic/live?running=0", 400, "running: give")]
    [InlineData("/sweeps/synthetic/live?running=201", 400, "running: give")]
    [InlineData("/sweeps/synthetic/live?running=99999999999999999999999", 400, "running: give")]
    [InlineData("/sweeps/synthetic/live?running=1e3", 400, "running: give")]
    [InlineData("/sweeps/synthetic/live?running=1&running=2", 400, "running: give")]
    [InlineData("/sweeps/synthetic/live?running=200", 200, "")]
    public async Task Odd_requests_get_a_clear_400_or_404_never_a_500(string path, int status, string message)
    {
        var response = await _http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_name_of_thousands_of_characters_is_refused_as_too_long()
    {
        var response = await _http.GetAsync("/sweeps/" + new string('a', 5000));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("a sweep name is at most 100 characters\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nothing_can_be_written_through_it()
    {
        Assert.Equal(405, (int)(await _http.PostAsync("/sweeps/synthetic", new StringContent("x"))).StatusCode);
        Assert.Equal(405, (int)(await _http.DeleteAsync("/sweeps/synthetic")).StatusCode);
    }

    [Fact]
    public void The_command_refuses_a_non_loopback_address_without_insecure_and_says_what_would_do()
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, "dashboard", "--bind", "0.0.0.0", "--port", "0", "--db", Path.Combine(_folder, "sweeps.db"));
        Assert.Equal(2, code);
        Assert.Contains("error: --bind 0.0.0.0: the dashboard would be open to the network over plain HTTP with no login. Add --insecure to accept that", errors);
        Assert.Contains("HTTP API, which has TLS and tokens", errors);
    }

    [Fact]
    public void With_insecure_it_listens_beyond_loopback_warns_in_the_log_and_ends_on_ctrl_c()
    {
        using var dashboard = SweepsProcess.Start(_folder, "dashboard", "--bind", "0.0.0.0", "--insecure", "--port", "0", "--db", Path.Combine(_folder, "sweeps.db"));
        dashboard.WaitForLog("over plain HTTP with no login (--insecure)", TimeSpan.FromMinutes(1));
        Assert.Contains("WRN", dashboard.Errors);
        dashboard.Interrupt();
        Assert.Equal(0, dashboard.WaitForExit(TimeSpan.FromMinutes(1))); // Ctrl-C ends it cleanly
    }

    [Fact]
    public void The_command_on_a_missing_store_creates_nothing_and_says_so()
    {
        var folder = TestStores.NewFolder();
        var (code, _, errors) = SweepsProcess.Run(folder, "dashboard", "--port", "0", "--db", Path.Combine(folder, "none.db"));
        Assert.Equal(3, code);
        Assert.Contains("there is no store at", errors);
        Assert.False(File.Exists(Path.Combine(folder, "none.db")));
    }
}
