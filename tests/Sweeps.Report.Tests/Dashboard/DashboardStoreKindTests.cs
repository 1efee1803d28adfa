using Sweeps.Report.Tests.Support;
using Sweeps.Server.Dashboard;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Report.Tests.Dashboard;

/// <summary>The dashboard reads SQLite and PostgreSQL alike, each opened only to read.</summary>
public sealed class DashboardStoreKindTests
{
    [Theory]
    [MemberData(nameof(TestStores.Kinds), MemberType = typeof(TestStores))]
    public async Task A_sweep_s_page_reads_the_same_from_either_store(string kind)
    {
        var (writing, _) = ReportStores.WithSweep("synthetic", 40, kind: kind);
        await using var host = await DashboardHost.StartAsync(new DashboardOptions { Port = 0 }, ResultStore.OpenToRead(writing.Location));
        using var http = new HttpClient { BaseAddress = host.Address };

        var page = Page.Parse(await http.GetStringAsync("/sweeps/synthetic"));

        Assert.Equal(["40", "4", "0", "40"], page.Document.QuerySelectorAll("#progress td[data-count]").Select(c => c.TextContent));
        Assert.Equal(10, page.Document.QuerySelectorAll("#best tbody tr").Length);
        Assert.Equal(8, page.Document.QuerySelectorAll("figure").Length);
    }
}
