using Serilog;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Keeps a cluster node in its cluster until interrupted. A node the cluster downs, or a worker whose cluster has no
/// coordinator (see <see cref="CoordinatorWatch"/>), has stopped through CoordinatedShutdown; it starts again and
/// joins again instead of idling until someone restarts the process.
/// </summary>
internal static class NodeRunner
{
    public static async Task RunAsync(Func<Task<SweepsNode>> start, CancellationToken interruption)
    {
        while (!interruption.IsCancellationRequested)
        {
            var node = await start();
            try
            {
                await node.WhenTerminated.WaitAsync(interruption);
            }
            catch (OperationCanceledException)
            {
                // interrupted: stopping the node below hands back its trials and leaves the cluster
            }
            var rejoin = node.LeftItsCluster && !interruption.IsCancellationRequested;
            await node.DisposeAsync();
            if (!rejoin) return;
            Log.Warning("This node left its cluster (downed, or its cluster had no coordinator); joining again in 2 s");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), interruption);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }
}
