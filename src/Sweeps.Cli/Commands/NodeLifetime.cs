using Serilog;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Keeps a cluster node in a cluster until interrupted. A node the split-brain resolver downs, or a worker whose cluster
/// has had no coordinator for a while (it restarted elsewhere), starts again and joins again, instead of idling until
/// someone restarts the process.
/// </summary>
internal static class NodeLifetime
{
    private static readonly TimeSpan CoordinatorGone = TimeSpan.FromSeconds(10);

    /// <param name="needsCoordinator">True for workers: a cluster without a coordinator is no use to them.</param>
    /// <param name="stopping">Runs on the node when interrupted, before it leaves (a worker hands back its trials).</param>
    public static async Task RunAsync(Func<Task<SweepsNode>> start, bool needsCoordinator, Func<SweepsNode, Task> stopping, CancellationToken interruption)
    {
        while (true)
        {
            var node = await start();
            if (await StaysInCluster(node, needsCoordinator, interruption))
            {
                await stopping(node);
                await node.DisposeAsync();
                return;
            }
            await node.StopWorkerAsync(TimeSpan.FromSeconds(5));
            await node.DisposeAsync();
            Log.Warning("This node left its cluster (downed, or its cluster has no coordinator); joining again in 2 s");
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
    }

    /// <summary>Waits until interrupted (true) or until the node is gone or has seen no coordinator for a while (false).</summary>
    private static async Task<bool> StaysInCluster(SweepsNode node, bool needsCoordinator, CancellationToken interruption)
    {
        var lastSeen = DateTime.UtcNow;
        while (!interruption.IsCancellationRequested)
        {
            if (node.WhenTerminated.IsCompleted) return false;
            if (!needsCoordinator || node.SeesCoordinator) lastSeen = DateTime.UtcNow;
            else if (DateTime.UtcNow - lastSeen > CoordinatorGone) return false;
            try { await Task.Delay(TimeSpan.FromSeconds(1), interruption); } catch (TaskCanceledException) { }
        }
        return true;
    }
}
