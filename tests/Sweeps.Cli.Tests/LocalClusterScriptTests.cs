using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>deploy/local-cluster.sh run for real: a sweep through the API, then a signal leaves nothing it started running.</summary>
public sealed class LocalClusterScriptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _folder = TestStores.NewFolder();

    [NeedsPostgresBinariesFact]
    public void The_local_cluster_runs_a_sweep_submitted_through_the_api_and_sigterm_stops_everything_it_started()
    {
        using var cluster = new LocalClusterScript(_folder, workers: 1, slots: 1);
        cluster.WaitUntilReady(Patience);
        var started = cluster.Started;
        Assert.True(started.Count >= 4, $"expected two coordinators, a worker and PostgreSQL, found {started.Count}:\n{cluster.Output}");
        Assert.Contains($"--server http://127.0.0.1:{cluster.HttpPort} --server http://127.0.0.1:{cluster.HttpPort + 1}", cluster.Output);
        // Every node is told about both coordinators, so it can (re)join through either.
        var nodes = started.Select(p => p.CommandLine).Where(c => c.Contains(" coordinator ") || c.Contains(" worker ")).ToList();
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, c => Assert.Contains($"--seed 127.0.0.1:{cluster.ClusterPort} --seed 127.0.0.1:{cluster.ClusterPort + 1}", c));

        var (code, output, errors) = SweepsProcess.Run(RepositoryFolder.Root, "submit", "config/sweeps/smoke.yaml",
            "--server", $"http://127.0.0.1:{cluster.HttpPort}", "--server", $"http://127.0.0.1:{cluster.HttpPort + 1}", "--wait");
        Assert.True(code == 0, $"submit exited {code}\n{output}\n{errors}");
        Assert.Contains("finished", output);

        var exit = cluster.Stop("TERM", Patience);

        Assert.Equal(143, exit);
        Assert.Contains("stopped", cluster.Output);
        AssertNoneLeft(started);
        Assert.Contains("stopped cleanly", cluster.Logs("worker-1"));
    }

    [NeedsPostgresBinariesFact]
    public void Ctrl_c_stops_everything_the_local_cluster_started()
    {
        using var cluster = new LocalClusterScript(_folder, workers: 1, slots: 1);
        cluster.WaitUntilReady(Patience);
        var started = cluster.Started;

        var exit = cluster.Stop("INT", Patience);

        Assert.Equal(130, exit);
        AssertNoneLeft(started);
    }

    private static void AssertNoneLeft(IEnumerable<RunningProcess> started)
    {
        var left = started.Where(p => p.IsRunning).Select(p => $"{p.Pid}: {p.CommandLine}").ToList();
        Assert.True(left.Count == 0, "still running: " + string.Join("; ", left));
    }
}
