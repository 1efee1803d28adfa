using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Serialization;
using Sweeps.Cluster.Workers;
using Sweeps.Store;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cluster.Tests.Support;

/// <summary>An ActorSystem journaling to a real store (a new SQLite file, or a new PostgreSQL database), with the actors under test.</summary>
public abstract class ClusterTestKit : TestKit
{
    /// <param name="extra">Settings over the defaults (a cluster provider, for tests across ActorSystems).</param>
    protected ClusterTestKit(StoreLocation location, ITestOutputHelper output, Config? extra = null)
        : base(extra is null ? Config(location) : extra.WithFallback(Config(location)), output: output)
    {
        Location = location;
        Store = ResultStore.Open(location);
    }

    protected StoreLocation Location { get; }

    protected ResultStore Store { get; }

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static Config Config(StoreLocation location) =>
        ConfigurationFactory.ParseString("""
            akka.loglevel = INFO
            akka.persistence.journal.sql.replay-batch-size = 1000
            # an expected message waits up to 30 s, not TestKit's 3 s: a loaded machine delays it, only a bug loses it
            akka.test.single-expect-default = 30s
            """)
            .WithFallback(Serialization)
            .WithFallback(PersistenceHosting.Tuning(location))
            .WithFallback(PersistenceHosting.Journal(location).ToConfig())
            .WithFallback(PersistenceHosting.Snapshots(location).ToConfig())
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

    /// <summary>The bindings <see cref="SerializationHosting.WithSweepsSerialization"/> makes, for an ActorSystem without a host.</summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.sweeps = "{{Name(typeof(SweepsSerializer))}}"
          serialization-bindings { "{{Name(typeof(Messages.ISweepsMessage))}}" = sweeps }
          serialization-identifiers { "{{Name(typeof(SweepsSerializer))}}" = {{SweepsSerializer.SerializerId}} }
        }
        """);

    private static string Name(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    protected IActorRef StartCoordinator(CoordinatorOptions? options = null, string name = "coordinator") =>
        Sys.ActorOf(SweepCoordinator.Props(Specs.Jobs, options ?? new CoordinatorOptions()), name);

    protected IActorRef StartProjection() => Sys.ActorOf(ResultsProjection.Props(Store), "projection");

    protected IActorRef StartWorker(IActorRef coordinator, string name = "worker", int slots = 2) =>
        Sys.ActorOf(TrialWorker.Props(coordinator, new WorkerOptions { Name = name, Slots = slots, HeartbeatInterval = TimeSpan.FromMilliseconds(200) }, Specs.Jobs), name);

    protected async Task<SubmitResult> Submit(IActorRef coordinator, params string[] specs) =>
        await coordinator.Ask<SubmitResult>(new SubmitSweeps(specs), Patience);

    protected async Task<SweepProgress> Progress(IActorRef coordinator, string sweep = "noop-sweep") =>
        (await coordinator.Ask<ProgressReport>(GetProgress.Instance, Patience)).Sweeps.Single(s => s.Name == sweep);

    protected async Task<SweepProgress> UntilOver(IActorRef coordinator, string sweep = "noop-sweep")
    {
        SweepProgress progress = null!;
        await AwaitConditionAsync(async () => (progress = await Progress(coordinator, sweep)).IsOver, Patience, TimeSpan.FromMilliseconds(50));
        return progress;
    }

    /// <summary>Waits until the results store has caught up with everything the coordinator journaled.</summary>
    protected async Task UntilStored(IActorRef coordinator, IActorRef projection)
    {
        var position = (await coordinator.Ask<ProgressReport>(GetProgress.Instance, Patience)).JournalPosition;
        await AwaitConditionAsync(async () => (await projection.Ask<ProjectionPosition>(GetPosition.Instance, Patience)).SequenceNr >= position,
            Patience, TimeSpan.FromMilliseconds(50));
    }
}
