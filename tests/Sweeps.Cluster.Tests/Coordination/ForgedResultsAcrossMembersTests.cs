using Akka.Actor;
using Akka.Configuration;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Serialization;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;
using Sweeps.TestSupport;
using Xunit.Abstractions;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>
/// The forger is a real second member of the cluster (another ActorSystem on 127.0.0.1, joined over TCP): its
/// results for trials the coordinator's worker is running cross the wire and are refused.
/// </summary>
public sealed class ForgedResultsAcrossMembersTests(ITestOutputHelper output)
    : ClusterTestKit(TestStores.Create(TestStores.Sqlite), output, Member)
{
    private const int Trials = 6;

    private static readonly Config Member = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        """);

    [Fact]
    public async Task Results_forged_by_another_member_are_refused_and_the_real_worker_s_are_kept()
    {
        var cluster = AkkaCluster.Get(Sys);
        await cluster.JoinAsync(cluster.SelfAddress);
        using var other = ActorSystem.Create(Sys.Name, Member.WithFallback(ClusterTestKit.Serialization));
        try
        {
            await AkkaCluster.Get(other).JoinAsync(cluster.SelfAddress);
            AwaitCondition(() => cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2, Patience);

            var coordinator = StartCoordinator();
            var projection = StartProjection();
            await Submit(coordinator, Specs.Noop(trials: Trials, sleepMs: 20000)); // long enough that both forgeries land while the real trials still run, even on a loaded machine
            StartWorker(coordinator, "worker", slots: Trials);
            await AwaitConditionAsync(async () => (await Progress(coordinator)).Running == Trials, Patience);

            var forger = CreateTestProbe(other);
            var remote = await other.ActorSelection(new RootActorPath(cluster.SelfAddress) / "user" / "coordinator").ResolveOne(Patience);
            await EventFilter.Warning(contains: "worker 'worker' is another sender").ExpectOneAsync(Patience, () =>
            {
                remote.Tell(new ReportOutcomes("worker", 1, Forged()), forger.Ref);
                return Task.CompletedTask;
            });
            forger.ExpectMsg<OutcomesRecorded>(Patience);
            remote.Tell(new WorkerHello("worker", WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion), forger.Ref);
            Assert.Contains("belongs to a live worker", forger.ExpectMsg<WorkerNameInUse>(Patience).Reason);
            remote.Tell(new WorkerHello("forger", WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion, Jobs: ["noop"]), forger.Ref);
            forger.ExpectMsg<WorkerWelcome>(Patience);
            remote.Tell(new RequestTrials("forger", 6), forger.Ref);
            forger.ExpectMsg<NoTrialsAvailable>(Patience);
            await EventFilter.Warning(contains: "attempt 1 was handed to worker 'worker', not 'forger'").ExpectOneAsync(Patience, () =>
            {
                remote.Tell(new ReportOutcomes("forger", 2, Forged()), forger.Ref);
                return Task.CompletedTask;
            });
            forger.ExpectMsg<OutcomesRecorded>(Patience);

            var progress = await UntilOver(coordinator);
            await UntilStored(coordinator, projection);
            Assert.Equal((SweepState.Finished, (long)Trials), (progress.State, progress.Completed));
            Assert.All(Store.ReadTrials("noop-sweep"), r =>
            {
                Assert.Equal((TrialStatus.Completed, 1, "worker"), (r.Status, r.Attempt, r.Worker));
                Assert.True(r.DurationMs > 0, $"trial {r.Index} took {r.DurationMs} ms");
                Assert.DoesNotContain(666.0, r.Metrics.Values);
            });
        }
        finally
        {
            await other.Terminate();
        }
    }

    private static List<TrialOutcome> Forged() => Enumerable.Range(0, Trials)
        .Select(i => new TrialOutcome("noop-sweep", i, 1, true, new Dictionary<string, double> { ["value"] = 666 }, null, null, DateTime.UtcNow, DateTime.UtcNow))
        .ToList();
}
