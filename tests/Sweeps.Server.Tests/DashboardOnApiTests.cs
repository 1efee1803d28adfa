using System.Net.Http.Headers;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Jobs;
using Sweeps.Server.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Server.Tests;

/// <summary>
/// A coordinator's HTTP API serves the dashboard at /dashboard: behind the API's own guard when TLS is on, and with the
/// running trials' latest intermediate metrics, which only the coordinator knows.
/// </summary>
public sealed class DashboardOnApiTests
{
    [Fact]
    public async Task With_tls_the_dashboard_needs_what_the_api_needs()
    {
        var folder = TestStores.NewFolder();
        var cluster = new TestCertificates(folder, "cluster");
        await using var node = await ApiNode.StartAsync(new TlsOptions(cluster.IssueNode("coordinator"), TestCertificates.Password, cluster.CaPath), folder);
        using var holder = node.Http(cluster.CaPath, cluster.IssueNode("operator"));
        Assert.Equal(200, (await Json.PostAsync(holder, "/api/v1/sweeps", Specs.Noop("seen", trials: 3))).Status);

        using var stranger = node.Http(cluster.CaPath);
        var refused = await stranger.GetAsync("/dashboard/");
        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Contains("client certificate signed by the cluster's CA", await refused.Content.ReadAsStringAsync());
        Assert.Equal(401, (int)(await stranger.GetAsync("/dashboard/sweeps/seen/live")).StatusCode);

        var page = await holder.GetStringAsync("/dashboard/");
        Assert.Contains("href=\"/dashboard/sweeps/seen\"", page);
        Assert.Contains("data-src=\"/dashboard/live\"", page);
        Assert.Equal(200, (int)(await holder.GetAsync("/dashboard")).StatusCode);

        var token = (await Json.PostAsync(holder, "/api/v1/tokens")).Body.Text("token");
        using var tool = node.Http(cluster.CaPath);
        tool.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (int)(await tool.GetAsync("/dashboard/sweeps/seen")).StatusCode);
        Assert.Equal(404, (int)(await tool.GetAsync("/dashboard/sweeps/unseen")).StatusCode);
    }

    [Fact]
    public async Task A_running_trial_s_latest_intermediate_metric_is_shown()
    {
        var jobs = new JobRegistry().Register(NoopJob.Definition).Register(ReportingJob.Definition);
        await using var node = await ApiNode.StartAsync(jobs: jobs, worker: new WorkerOptions { Slots = 1, HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        using var http = node.Http();
        Assert.Equal(200, (await Json.PostAsync(http, "/api/v1/sweeps", "name: reporting\njob: test.reporting\nsampler: grid\n")).Status);

        // the worker's heartbeat brings the report to the coordinator; wait for it to be there
        string live;
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (!(live = await http.GetStringAsync("/dashboard/sweeps/reporting/live")).Contains("data-value=\"0.25\""))
        {
            Assert.True(DateTime.UtcNow < giveUp, $"the running trial's report never reached the dashboard:\n{live}");
            await Task.Delay(100);
        }
        Assert.Contains("loss = <span data-value=\"0.25\">0.25</span>", live);
        Assert.Contains("<td>40%</td><td class=\"num\">3</td>", live);
        await Json.PostAsync(http, "/api/v1/sweeps/reporting/cancel");
    }

    /// <summary>Reports a loss at step 3 and then waits to be cancelled: a trial that is running with a metric to show.</summary>
    private sealed class ReportingJob : IJob
    {
        public static JobDefinition Definition { get; } = new("test.reporting", "reports a loss and waits", [], ["loss"], () => new ReportingJob());

        public JobResult Run(JobContext context)
        {
            context.Progress.Report(0.4, 3, new Dictionary<string, double> { ["loss"] = 0.25 });
            context.Cancellation.WaitHandle.WaitOne();
            context.Cancellation.ThrowIfCancellationRequested();
            return JobResult.Of(("loss", 0.25));
        }
    }
}
