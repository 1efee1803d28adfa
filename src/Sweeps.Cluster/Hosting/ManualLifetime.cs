using Microsoft.Extensions.Hosting;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Replaces the generic host's console lifetime, which would stop the actor system on Ctrl-C before the command
/// had handed back its running trials. The command decides when the node stops.
/// </summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
