using System.Security.Cryptography;
using System.Text;
using Sweeps.Report.Tests.Support;
using Sweeps.Server.Dashboard;

namespace Sweeps.Report.Tests.Dashboard;

/// <summary>The dashboard's HTML read as a browser's parser reads it (AngleSharp): counts, running trials, escaping, the one allowed script.</summary>
public sealed class DashboardHtmlTests
{
    private const string Hostile = "<script>alert(1)</script>\"'&";

    private static SweepView Sweep(string name, long done = 30, bool over = false) =>
        new(name, "<b>job</b>", "running", over, 100, done - 3, 3, 2, over ? null : 1.5)
        {
            RunningTrials = [new RunningTrialView(31, "<w>", DateTime.UtcNow.AddSeconds(-5), 0.5, 7, new Dictionary<string, double> { [Hostile] = 0.25 })],
        };

    [Fact]
    public void The_sweeps_table_shows_counts_rate_and_eta_and_links_each_sweep_escaped()
    {
        var page = Page.Parse(DashboardHtml.Sweeps("/dashboard", [Sweep("fast"), Sweep(Hostile, done: 100, over: true)]));

        var rows = page.Document.QuerySelectorAll("tr[data-sweep]");
        Assert.Equal(["fast", Hostile], rows.Select(r => r.GetAttribute("data-sweep")));
        Assert.Equal(["30", "3", "2", "100"], rows[0].QuerySelectorAll("td[data-count]").Select(c => c.TextContent));
        Assert.Equal("1.5 trials/s", rows[0].Children[8].TextContent);
        Assert.Equal("46 s", rows[0].Children[9].TextContent); // 70 trials left at 1.5 a second
        Assert.Equal(["", ""], rows[1].Children.Skip(8).Select(c => c.TextContent)); // over: no rate, no ETA
        Assert.Equal("/dashboard/sweeps/fast", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("/dashboard/sweeps/" + Uri.EscapeDataString(Hostile), rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(Hostile, rows[1].QuerySelector("a")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.Equal("130", page.Document.QuerySelector("[data-done]")!.GetAttribute("data-done"));
    }

    [Fact]
    public void A_sweep_s_progress_lists_running_trials_with_their_latest_metric_escaped()
    {
        var page = Page.Parse(DashboardHtml.Progress(Sweep("fast")));

        var trial = page.Document.QuerySelector("tr[data-trial='31']")!;
        Assert.Equal("<w>", trial.Children[1].TextContent);
        Assert.Equal("50%", trial.Children[3].TextContent);
        Assert.Equal("7", trial.Children[4].TextContent);
        Assert.Equal($"{Hostile} = 0.25", trial.Children[5].TextContent);
        Assert.Equal("0.25", trial.QuerySelector("[data-value]")!.GetAttribute("data-value"));
        Assert.Equal("<b>job</b>", page.Document.QuerySelector("p.facts b")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
    }

    [Fact]
    public void The_page_has_one_script_and_the_policy_allows_exactly_it_by_hash_and_no_other_origin()
    {
        var page = Page.Parse(DashboardHtml.Page(Hostile, "<p>body</p>"));

        var script = Assert.Single(page.Document.QuerySelectorAll("script"));
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.TextContent)));
        Assert.Contains($"script-src 'sha256-{hash}';", DashboardScript.ContentSecurityPolicy);
        Assert.StartsWith("default-src 'none';", DashboardScript.ContentSecurityPolicy);
        Assert.Contains("connect-src 'self';", DashboardScript.ContentSecurityPolicy);
        Assert.DoesNotContain("http", DashboardScript.ContentSecurityPolicy);
        Assert.Equal(Hostile, page.Document.Title);
        Assert.Equal("data:,", page.Document.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("127.0.0.1", false, null)]
    [InlineData("localhost", false, null)]
    [InlineData("::1", false, null)]
    [InlineData("0.0.0.0", true, null)]
    [InlineData("0.0.0.0", false, "--bind 0.0.0.0: the dashboard would be open to the network over plain HTTP with no login. Add --insecure")]
    [InlineData("10.1.2.3", false, "TLS and tokens")]
    [InlineData("example.org", true, "--bind: 'example.org' is not an IP address")]
    public void Loopback_is_the_default_and_anything_else_needs_insecure(string address, bool insecure, string? refusal)
    {
        var options = new DashboardOptions { Address = address, Insecure = insecure };
        if (refusal is null)
        {
            options.Listen();
            return;
        }
        Assert.Contains(refusal, Assert.Throws<DashboardRefused>(() => options.Listen()).Message);
    }

    [Fact]
    public void The_default_address_is_loopback_on_port_8080() =>
        Assert.Equal(("127.0.0.1", 8080, false), (new DashboardOptions().Address, new DashboardOptions().Port, new DashboardOptions().Insecure));
}
