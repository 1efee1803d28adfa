using System.ComponentModel;
using Serilog;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;

namespace Sweeps.Cli.Commands;

public sealed class WorkerSettings : ClusterSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Port to listen on (default 0: any free port).")]
    [DefaultValue(0)]
    public int Port { get; init; }

    [CommandOption("--slots <N>")]
    [Description("Trials run at once (default: the number of cores).")]
    public int? Slots { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("The worker's name in the results store (default: machine-pid).")]
    public string? Name { get; init; }

    public override ValidationResult Validate()
    {
        if (Seeds.Length == 0) return ValidationResult.Error("--seed: a worker needs the coordinator's address; give --seed HOST:PORT, e.g. --seed 127.0.0.1:4053");
        if (Port is < 0 or > 65535) return ValidationResult.Error($"--port: {Port} is not a port; give 0 (any) to 65535");
        if (Slots is < 1 or > 1024) return ValidationResult.Error($"--slots: {Slots} is out of range; give 1 to 1024");
        return base.Validate();
    }
}

/// <summary>
/// <c>sweeps worker</c>: joins the cluster and pulls trials for its free slots. Ctrl-C or SIGTERM: it cancels its
/// running trials, hands them back to the coordinator, and leaves.
/// </summary>
public sealed class WorkerCommand : SweepsCommand<WorkerSettings>
{
    protected override async Task<int> RunAsync(WorkerSettings settings, CancellationToken interruption)
    {
        var worker = new WorkerOptions { Slots = settings.Slots ?? Environment.ProcessorCount };
        if (settings.Name is { } name) worker = worker with { Name = name };
        var options = new SweepsNodeOptions(null)
        {
            RunsCoordinator = false,
            Worker = worker,
            Cluster = settings.Node(settings.Port, [ClusterNodeOptions.WorkerRole]),
        };
        // A worker outlives its cluster: if the split-brain resolver downs this node (the coordinator died or a
        // partition cut it off), it joins again, rather than leaving its slots idle until someone restarts it.
        while (true)
        {
            var node = await SweepsNode.StartAsync(options, KnownJobs.Create());
            Log.Information("Worker {Name} with {Slots} slots joining {Seeds}", worker.Name, worker.Slots, string.Join(", ", settings.Seeds));
            if (!await StaysInCluster(node, interruption))
            {
                await node.StopWorkerAsync(TimeSpan.FromSeconds(5));
                await node.DisposeAsync();
                Log.Warning("No coordinator in this worker's cluster (it was downed, or the coordinator restarted); joining again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
                continue;
            }
            Log.Information("Stopping: handing running trials back to the coordinator");
            var clean = await node.StopWorkerAsync(TimeSpan.FromSeconds(30));
            if (!clean) Log.Warning("Not every trial could be handed back in time; the coordinator's lease runs them again elsewhere");
            await node.DisposeAsync();
            break;
        }
        return 0;
    }

    /// <summary>Waits until interrupted (true) or until the node is gone or has seen no coordinator for a while (false).</summary>
    private static async Task<bool> StaysInCluster(SweepsNode node, CancellationToken interruption)
    {
        var lastSeen = DateTime.UtcNow;
        while (!interruption.IsCancellationRequested)
        {
            if (node.WhenTerminated.IsCompleted) return false;
            if (node.SeesCoordinator) lastSeen = DateTime.UtcNow;
            else if (DateTime.UtcNow - lastSeen > CoordinatorGone) return false;
            try { await Task.Delay(TimeSpan.FromSeconds(1), interruption); } catch (TaskCanceledException) { }
        }
        return true;
    }

    private static readonly TimeSpan CoordinatorGone = TimeSpan.FromSeconds(10);
}
