using Serilog;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;

namespace Sweeps.Cli.Commands;

/// <summary>A short-lived client node: joins the cluster with the client role (no trials, no coordinator), asks, leaves.</summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    private ClusterClient(SweepsNode node) => Node = node;

    public SweepsNode Node { get; }

    public static async Task<ClusterClient> ConnectAsync(ClusterSettings settings)
    {
        var options = new SweepsNodeOptions(null)
        {
            RunsCoordinator = false,
            Worker = null,
            Cluster = settings.ClusterNode(0, [ClusterNodeOptions.ClientRole]),
        };
        var node = await SweepsNode.StartAsync(options, BuiltInJobs.Create());
        try
        {
            // The first answer proves the coordinator is reachable; the proxy buffers until the singleton is found.
            await node.ProgressAsync();
        }
        catch (Exception e) when (e is TaskCanceledException or Akka.Actor.AskTimeoutException)
        {
            await node.DisposeAsync();
            throw new UsageException($"no coordinator answered at {string.Join(", ", settings.Node.Seeds)} within 30 s; is `sweeps coordinator` running there?");
        }
        Log.Debug("Connected to the cluster at {Seeds}", string.Join(", ", settings.Node.Seeds));
        return new ClusterClient(node);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
