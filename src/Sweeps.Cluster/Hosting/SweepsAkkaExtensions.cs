using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using Akka.Remote.Hosting;
using Sweeps.Cluster.Coordination;
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
    /// The coordinator node (coordinator and results projection) and a worker, as the options say. Embedded they are
    /// plain actors; in a cluster the coordinator node is a singleton on coordinator-role nodes (a second such node is
    /// a warm standby) and every other node reaches it through a singleton proxy. The actors are the same.
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepsNode(this AkkaConfigurationBuilder builder, SweepsNodeOptions options, JobRegistry jobs, ResultStore? store)
    {
        builder.WithSweepsSerialization();
        if (options.RunsCoordinator)
        {
            if (options.Store is null || store is null) throw new ArgumentException("a coordinator needs a store");
            builder.WithSweepsPersistence(options.Store);
        }
        if (options.Cluster is not { } cluster)
        {
            builder.WithActors((system, registry) =>
            {
                var coordinator = system.ActorOf(CoordinatorNode.Props(jobs, options.Coordinator, store!), "sweeps");
                registry.Register<CoordinatorActor>(coordinator);
                if (options.Worker is { } worker)
                    registry.Register<WorkerActor>(system.ActorOf(TrialWorker.Props(coordinator, worker, jobs), "worker"));
            });
            return builder;
        }

        builder
            .WithRemoting(new RemoteOptions { HostName = cluster.Host, Port = cluster.Port, PublicHostName = cluster.PublicHost })
            .WithClustering(new ClusterOptions { Roles = cluster.Roles.ToArray(), SeedNodes = cluster.Seeds.Select(s => ClusterNodeOptions.SeedAddress(s, cluster.Tls is not null)).ToArray() })
            .AddHocon(ClusterConfig.For(cluster), HoconAddMode.Prepend);
        if (cluster.Tls is { } tls)
        {
            builder.AddHocon("akka.remote.dot-netty.tcp.enable-ssl = true", HoconAddMode.Prepend);
            builder.AddSetup(tls.Setup());
        }
        var singleton = new ClusterSingletonOptions { Role = ClusterNodeOptions.CoordinatorRole };
        if (options.RunsCoordinator)
            builder.WithSingleton<CoordinatorActor>("sweeps", CoordinatorNode.Props(jobs, options.Coordinator, store!), singleton, createProxyToo: true);
        else
            builder.WithSingletonProxy<CoordinatorActor>("sweeps", singleton);
        if (options.Worker is { } workerOptions)
        {
            builder.WithActors((system, registry) =>
                registry.Register<WorkerActor>(system.ActorOf(TrialWorker.Props(registry.Get<CoordinatorActor>(), workerOptions, jobs), "worker")));
        }
        return builder;
    }

    public static Props CoordinatorSupervisor(JobRegistry jobs, CoordinatorOptions options) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            SweepCoordinator.Props(jobs, options), "sweeps", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));
}
