using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// A running Sweeps node in this process, as the CLI and tests use it: a generic host with <see cref="NodeHosting.AddSweepsNode"/>.
/// Start it, submit sweeps, watch progress, stop it; stopping runs CoordinatedShutdown, which hands back running
/// trials and lets the store settle.
/// </summary>
public sealed class SweepsNode : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost _host;
    private readonly ActorRegistry _actors;
    private readonly EmbeddedCoordinatorLease? _lease;

    private SweepsNode(IHost host, EmbeddedCoordinatorLease? lease)
    {
        _host = host;
        _lease = lease;
        Store = host.Services.GetService<ResultStore>();
        _actors = host.Services.GetRequiredService<ActorRegistry>();
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    /// <summary>The coordinator's store; null on nodes that run no coordinator.</summary>
    public ResultStore? Store { get; }

    public ActorSystem System { get; }

    public IActorRef Coordinator => _actors.Get<CoordinatorActor>();

    /// <summary>Completes when the node stops, by request or because the cluster downed it.</summary>
    public Task WhenTerminated => System.WhenTerminated;

    /// <summary>True when the node stopped on its own (downed by the cluster, or no coordinator), not because it was asked to.</summary>
    public bool LeftItsCluster => CoordinatedShutdown.Get(System).ShutdownReason is { } reason && reason is not CoordinatedShutdown.ClrExitReason;

    /// <summary>Starts the node; an embedded coordinator first takes the store's coordinator lease (<see cref="StoreInUseException"/> if another has it).</summary>
    public static async Task<SweepsNode> StartAsync(SweepsNodeOptions options, JobRegistry jobs, CancellationToken cancellation = default)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddSweepsNode(options, jobs); // opens the store first: a file that is no Sweeps store gets no lease table
        var lease = options is { RunsCoordinator: true, Cluster: null } ? EmbeddedCoordinatorLease.Take(options.Store!) : null;
        try
        {
            var host = builder.Build();
            await host.StartAsync(cancellation);
            return new SweepsNode(host, lease);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
    }

    public async Task<SubmitResult> SubmitAsync(IEnumerable<SweepSpec> specs, SweepOrigin? origin = null) =>
        await Coordinator.Ask<SubmitResult>(new SubmitSweeps(specs.Select(SpecText.ToCanonicalYaml).ToList(), origin), AskTimeout);

    public Task<ProgressReport> ProgressAsync(CancellationToken cancellation = default) =>
        Coordinator.Ask<ProgressReport>(GetProgress.Instance, AskTimeout, cancellation);

    /// <summary>Pauses, resumes or cancels a sweep (<see cref="SweepState"/>).</summary>
    public Task<SweepStateChangeResult> ChangeStateAsync(string sweep, SweepState state) =>
        Coordinator.Ask<SweepStateChangeResult>(new ChangeSweepState(sweep, state), AskTimeout);

    /// <summary>Waits until the results store holds everything the journal holds up to <paramref name="position"/>.</summary>
    public async Task<bool> WaitForStoreAsync(long position, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var written = await Coordinator.Ask<Projection.ProjectionPosition>(Projection.GetPosition.Instance, AskTimeout);
            if (written.SequenceNr >= position) return true;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>Stops the node: CoordinatedShutdown hands back running trials, lets the store settle, and leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _lease?.Dispose();
    }
}
