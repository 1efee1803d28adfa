using Serilog;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Keeps a cluster node in its cluster until interrupted. A node the cluster downs, a worker whose cluster has no
/// coordinator (see <see cref="CoordinatorWatch"/>), or a coordinator on an island (see <see cref="IslandWatch"/>) has
/// stopped through CoordinatedShutdown; it starts again and joins again instead of idling until someone restarts it.
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
            var reason = Why(node);
            await node.DisposeAsync();
            if (!rejoin) return;
            Log.Warning("This node left its cluster ({Reason}); joining again in 2 s", reason);
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

    private static string Why(SweepsNode node) => Akka.Actor.CoordinatedShutdown.Get(node.System).ShutdownReason switch
    {
        NoCoordinatorReason => "it had no coordinator",
        IslandReason => "it was an island beside a bigger cluster",
        _ => "downed",
    };
}
