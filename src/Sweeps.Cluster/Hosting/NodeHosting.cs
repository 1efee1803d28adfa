using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Jobs;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>A Sweeps node on Microsoft.Extensions.Hosting: its capabilities as a list of typed <c>With...</c> calls.</summary>
public static class NodeHosting
{
    /// <summary>
    /// Adds a Sweeps node to the host: the coordinator (with its journal and results projection) and/or a worker, as
    /// the options say, embedded or as a cluster member. The job registry comes from the caller (the composition root).
    /// </summary>
    public static IHostApplicationBuilder AddSweepsNode(this IHostApplicationBuilder builder, SweepsNodeOptions options, JobRegistry jobs)
    {
        var store = options.RunsCoordinator
            ? ResultStore.Open(options.Store ?? throw new ArgumentException("a coordinator needs a store", nameof(options)))
            : null;
        if (store is not null) builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(jobs);
        builder.Services.AddSingleton(options);
        builder.Services.AddAkka("sweeps", akka => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            })
            .AddHocon("""
                akka.log-dead-letters = off
                akka.log-dead-letters-during-shutdown = off
                # Akka's own start-up lines never reach stdout; everything goes through Serilog to stderr
                akka.stdout-loglevel = OFF
                # and the fallback logger Akka uses around start and stop writes to stderr, never stdout
                akka.stdout-logger-class = "Sweeps.Cluster.Hosting.StandardErrorLogger, Sweeps.Cluster"
                """, HoconAddMode.Prepend)
            .WithSweepsNode(options, jobs, store));
        return builder;
    }

    /// <summary>
    /// The coordinator node (coordinator and results projection) and a worker, as the options say. Embedded they are
    /// plain actors; in a cluster the coordinator node is a singleton on coordinator-role nodes (a second such node is
    /// a warm standby) and every other node reaches it through a singleton proxy. The actors are the same.
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepsNode(this AkkaConfigurationBuilder builder, SweepsNodeOptions options, JobRegistry jobs, ResultStore? store)
    {
        builder.WithSweepsSerialization().WithSweepsShutdown();
        if (options.RunsCoordinator) builder.WithSweepsPersistence(store!.Location);
        if (options.Cluster is not { } cluster)
        {
            builder.WithActors((system, registry) =>
            {
                var coordinator = system.ActorOf(CoordinatorNode.Props(jobs, options.Coordinator, store!), "sweeps");
                registry.Register<CoordinatorActor>(coordinator);
                ShutdownTasks.SettleStoreBeforeStopping(system, coordinator);
            });
        }
        else
        {
            builder.WithSweepsCluster(cluster);
            var singleton = new ClusterSingletonOptions
            {
                Role = ClusterNodeOptions.CoordinatorRole,
                BufferSize = 10_000,
                // Akka.NET 1.5.73 starts this warning's timer with no initial delay, so it fires at every start, found or not
                LogSingletonIdentificationFailure = false,
            };
            if (options.RunsCoordinator)
            {
                // One writer, always: the singleton starts the coordinator only while this node holds the lease in the store.
                var lease = new StoreLeaseOption(store!.Location);
                lease.Apply(builder);
                singleton.LeaseImplementation = lease;
                singleton.LeaseRetryInterval = TimeSpan.FromSeconds(1);
                builder.WithSingleton<CoordinatorActor>("sweeps", CoordinatorNode.Props(jobs, options.Coordinator, store!), singleton, createProxyToo: true);
            }
            else
                builder.WithSingletonProxy<CoordinatorActor>("sweeps", singleton);
            if (options.LeaveWithoutCoordinatorAfter is { } patience)
                builder.WithActors((system, _) => system.ActorOf(CoordinatorWatch.Props(patience), "coordinator-watch"));
        }
        if (options.Worker is { } workerOptions)
        {
            builder.WithActors((system, registry) =>
            {
                var worker = system.ActorOf(TrialWorker.Props(registry.Get<CoordinatorActor>(), workerOptions, jobs), "worker");
                registry.Register<WorkerActor>(worker);
                ShutdownTasks.HandBackTrialsBeforeStopping(system, worker);
            });
        }
        return builder;
    }
}
