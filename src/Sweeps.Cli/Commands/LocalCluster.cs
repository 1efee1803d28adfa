using System.Diagnostics;
using Sweeps.Cluster.Hosting;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

/// <summary>
/// For the cluster benchmarks: a coordinator in this process on a throw-away SQLite store, and <c>sweeps worker</c>
/// processes on this machine that join it over 127.0.0.1. Disposing kills the workers and deletes the store.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _port;
    private readonly List<Process> _workers = [];

    private LocalCluster(string folder, int port, SweepsNode coordinator)
    {
        (_folder, _port, Coordinator) = (folder, port, coordinator);
    }

    public SweepsNode Coordinator { get; }

    public ResultStore Store => Coordinator.Store!;

    public static async Task<LocalCluster> StartAsync(Sweeps.Core.Jobs.JobRegistry jobs)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sweeps-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = 20000 + Random.Shared.Next(20000);
        var options = new SweepsNodeOptions(StoreLocation.Parse(Path.Combine(folder, "sweeps.db")))
        {
            Worker = null,
            Cluster = new ClusterNodeOptions { Port = port, Seeds = [$"127.0.0.1:{port}"], Roles = [ClusterNodeOptions.CoordinatorRole] },
        };
        return new LocalCluster(folder, port, await SweepsNode.StartAsync(options, jobs));
    }

    public Process StartWorker(string name, int slots)
    {
        var start = SweepsStartInfo(["worker", "--seed", $"127.0.0.1:{_port}", "--slots", slots.ToString(), "--name", name, "--log-level", "warning"]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _workers.Add(process);
        return process;
    }

    /// <summary>This very sweeps program (the apphost, or dotnet with its assembly) with the given arguments.</summary>
    public static ProcessStartInfo SweepsStartInfo(IEnumerable<string> args)
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(Program).Assembly.Location } }
            : new ProcessStartInfo(self);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer ends a process.</summary>
    public static void KillHard(Process worker)
    {
        if (!worker.HasExited) worker.Kill(entireProcessTree: true);
        worker.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        await Coordinator.DisposeAsync(); // first: leaving a cluster whose members were just killed waits for them
        foreach (var worker in _workers) { KillHard(worker); worker.Dispose(); }
        Directory.Delete(_folder, recursive: true);
    }
}
