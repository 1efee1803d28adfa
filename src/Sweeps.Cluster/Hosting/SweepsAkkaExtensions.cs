using Akka.Actor;
using Akka.Hosting;
using Akka.Pattern;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Serialization;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Jobs;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>Akka.Hosting wiring: a node's capabilities as a list of <c>With...</c> calls.</summary>
public static class SweepsAkkaExtensions
{
    /// <summary>Binds every Sweeps message and event to <see cref="SweepsSerializer"/>.</summary>
    public static AkkaConfigurationBuilder WithSweepsSerialization(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(SerializationConfig.Hocon, HoconAddMode.Prepend);

    public static AkkaConfigurationBuilder WithSweepsPersistence(this AkkaConfigurationBuilder builder, StoreLocation store) =>
        builder.AddHocon(PersistenceConfig.For(store), HoconAddMode.Prepend);

    /// <summary>
    /// Starts the coordinator (restarted with back-off if its journal fails), the results projection, and a worker,
    /// as the options say. The coordinator and the worker are the same actors that run on separate machines.
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepsNode(this AkkaConfigurationBuilder builder, SweepsNodeOptions options, JobRegistry jobs, ResultStore store) =>
        builder
            .WithSweepsSerialization()
            .WithSweepsPersistence(options.Store)
            .WithActors((system, registry) =>
            {
                if (!options.RunsCoordinator) return;
                var coordinator = system.ActorOf(CoordinatorSupervisor(jobs, options.Coordinator), "coordinator");
                registry.Register<CoordinatorActor>(coordinator);
                registry.Register<ProjectionActor>(system.ActorOf(ResultsProjection.Props(store, jobs), "projection"));
                if (options.Worker is { } worker)
                    registry.Register<WorkerActor>(system.ActorOf(TrialWorker.Props(coordinator, worker, jobs), "worker"));
            });

    public static Props CoordinatorSupervisor(JobRegistry jobs, CoordinatorOptions options) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            SweepCoordinator.Props(jobs, options), "sweeps", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));
}
