using Akka.Actor;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// A running Sweeps node in this process, as the CLI and tests use it: start it, submit sweeps, watch progress,
/// stop it cleanly. Behind it are the same actors that run across machines.
/// </summary>
public sealed class SweepsNode : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost _host;
    private readonly ActorRegistry _actors;

    private SweepsNode(IHost host, ResultStore? store)
    {
        _host = host;
        Store = store;
        _actors = host.Services.GetRequiredService<ActorRegistry>();
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    /// <summary>The coordinator's store; null on nodes that run no coordinator.</summary>
    public ResultStore? Store { get; }

    public ActorSystem System { get; }

    public IActorRef Coordinator => _actors.Get<CoordinatorActor>();

    /// <summary>True when this node's cluster has a reachable coordinator node that is up (always true embedded).</summary>
    public bool SeesCoordinator
    {
        get
        {
            if (((ExtendedActorSystem)System).Provider is not Akka.Cluster.ClusterActorRefProvider) return true;
            var state = Akka.Cluster.Cluster.Get(System).State;
            return state.Members.Any(m => m.HasRole(ClusterNodeOptions.CoordinatorRole) && m.Status == Akka.Cluster.MemberStatus.Up && !state.Unreachable.Contains(m));
        }
    }

    /// <summary>Completes when the node's actor system stops, by request or because the cluster downed this node.</summary>
    public Task WhenTerminated => System.WhenTerminated;

    public static async Task<SweepsNode> StartAsync(SweepsNodeOptions options, JobRegistry jobs, CancellationToken cancellation = default)
    {
        var store = options.RunsCoordinator && options.Store is { } location ? ResultStore.Open(location) : null;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.AddAkka("sweeps", akka => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            })
            .AddHocon("akka.log-dead-letters = off\nakka.log-dead-letters-during-shutdown = off\nakka.stdout-loglevel = WARNING\n# the command stops the node itself, after handing back running trials\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
            .WithSweepsNode(options, jobs, store));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new SweepsNode(host, store);
    }

    public async Task<SubmitResult> SubmitAsync(IEnumerable<SweepSpec> specs) =>
        await Coordinator.Ask<SubmitResult>(new SubmitSweeps(specs.Select(SpecText.ToCanonicalYaml).ToList()), AskTimeout);

    public Task<ProgressReport> ProgressAsync() => Coordinator.Ask<ProgressReport>(GetProgress.Instance, AskTimeout);

    /// <summary>Pauses, resumes or cancels a sweep (<see cref="SweepState"/>).</summary>
    public Task<SweepStateChangeResult> ChangeStateAsync(string sweep, SweepState state) =>
        Coordinator.Ask<SweepStateChangeResult>(new ChangeSweepState(sweep, state), AskTimeout);

    /// <summary>Waits until the results store holds everything the journal holds up to <paramref name="position"/>.</summary>
    public async Task<bool> WaitForStoreAsync(long position, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var written = await Coordinator.Ask<ProjectionPosition>(GetPosition.Instance, AskTimeout);
            if (written.SequenceNr >= position) return true;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>Cancels this node's running trials and hands them back to the coordinator, so nothing is left half-done.</summary>
    public async Task<bool> StopWorkerAsync(TimeSpan timeout)
    {
        if (!_actors.TryGet<WorkerActor>(out var worker)) return true;
        try
        {
            await worker.Ask<WorkerStopped>(StopWorking.Instance, timeout);
            return true;
        }
        catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
