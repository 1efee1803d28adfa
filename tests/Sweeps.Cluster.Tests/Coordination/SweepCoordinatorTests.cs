using Akka.Actor;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;
using Sweeps.Store;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>The coordinator with real actors, a real journal and a real results store.</summary>
public sealed class SweepCoordinatorTests(ITestOutputHelper output) : ClusterTestKit(TestStores.Create(TestStores.Sqlite), output)
{
    private static TrialOutcome Success(TrialAssignment a, double value = 1) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["value"] = value }, null, null, DateTime.UtcNow, DateTime.UtcNow);

    [Fact]
    public async Task A_sweep_runs_to_the_end_with_every_trial_in_the_store_once()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        StartWorker(coordinator);
        var submitted = await Submit(coordinator, Specs.Noop(trials: 200));
        Assert.Equal((true, false, 200L), (submitted.Sweeps[0].Accepted, submitted.Sweeps[0].Existing, submitted.Sweeps[0].TotalTrials));

        var progress = await UntilOver(coordinator);
        await UntilStored(coordinator, projection);

        Assert.Equal((SweepState.Finished, 200L, 0L), (progress.State, progress.Completed, progress.Failed));
        var rows = Store.ReadTrials("noop-sweep").ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), rows.Select(r => r.Index));
        Assert.All(rows, r => Assert.Equal((TrialStatus.Completed, 1, "worker"), (r.Status, r.Attempt, r.Worker)));
        Assert.Equal(SweepState.Finished, Store.FindSweep("noop-sweep")!.State);
    }

    [Fact]
    public async Task A_job_that_throws_fails_its_trial_with_the_error_and_the_sweep_goes_on()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        StartWorker(coordinator);
        await Submit(coordinator, Specs.Noop(trials: 5, fail: true));

        var progress = await UntilOver(coordinator);
        await UntilStored(coordinator, projection);

        Assert.Equal((SweepState.Finished, 0L, 5L), (progress.State, progress.Completed, progress.Failed));
        Assert.All(Store.ReadTrials("noop-sweep"), r =>
            Assert.Equal((TrialStatus.Failed, "InvalidOperationException: noop was asked to fail (fail: true)"), (r.Status, r.Error)));
    }

    [Fact]
    public async Task A_late_duplicate_result_is_acknowledged_but_not_recorded_twice()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 2));
        var worker = CreateTestProbe();

        Hello(coordinator, "probe", worker);
        coordinator.Tell(new RequestTrials("probe", 2), worker.Ref);
        var trials = worker.ExpectMsg<TrialsAssigned>().Trials;
        coordinator.Tell(new ReportOutcomes("probe", 1, [Success(trials[0], 0.25)]), worker.Ref);
        worker.ExpectMsg<OutcomesRecorded>(r => r.Batch == 1);
        coordinator.Tell(new ReportOutcomes("probe", 2, [Success(trials[0], 0.99)]), worker.Ref);
        worker.ExpectMsg<OutcomesRecorded>(r => r.Batch == 2);
        coordinator.Tell(new ReportOutcomes("probe", 3, [Success(trials[1])]), worker.Ref);
        worker.ExpectMsg<OutcomesRecorded>(r => r.Batch == 3);

        Assert.Equal(2, (await UntilOver(coordinator)).Completed);
        await UntilStored(coordinator, projection);
        Assert.Equal(0.25, Store.ReadTrials("noop-sweep").First().Metrics["value"]);
    }

    [Fact]
    public async Task A_worker_that_goes_silent_loses_its_trials_to_another_and_its_late_result_is_ignored()
    {
        var coordinator = StartCoordinator(new CoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(1), LeaseCheckInterval = TimeSpan.FromMilliseconds(100) });
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 20));
        var silent = CreateTestProbe();
        Hello(coordinator, "silent", silent);
        coordinator.Tell(new RequestTrials("silent", 3), silent.Ref);
        var held = silent.ExpectMsg<TrialsAssigned>().Trials;

        StartWorker(coordinator, "healthy");
        var progress = await UntilOver(coordinator);
        coordinator.Tell(new ReportOutcomes("silent", 1, held.Select(t => Success(t, 0.5)).ToList()), silent.Ref);
        silent.FishForMessage(m => m is OutcomesRecorded);
        await UntilStored(coordinator, projection);

        Assert.Equal((20L, 0L), ((await Progress(coordinator)).Completed, progress.Failed));
        var rows = Store.ReadTrials("noop-sweep").ToDictionary(r => r.Index);
        Assert.Equal(20, rows.Count);
        Assert.All(held, t => Assert.Equal((TrialStatus.Completed, 2, "healthy"), (rows[t.Index].Status, rows[t.Index].Attempt, rows[t.Index].Worker)));
    }

    [Fact]
    public async Task A_worker_that_stops_hands_its_trials_to_the_others()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 30, sleepMs: 50));
        var first = StartWorker(coordinator, "first", slots: 2);
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Done >= 2, Patience);
        await first.Ask<Sweeps.Cluster.Workers.WorkerStopped>(Sweeps.Cluster.Workers.StopWorking.Instance, Patience);

        StartWorker(coordinator, "second", slots: 4);
        var progress = await UntilOver(coordinator);
        await UntilStored(coordinator, projection);

        Assert.Equal(30, progress.Completed);
        Assert.Equal(30, Store.ReadTrials("noop-sweep").Count(r => r.Status == TrialStatus.Completed));
    }

    [Fact]
    public async Task A_restarted_coordinator_recovers_and_runs_what_was_in_flight_as_new_attempts()
    {
        var options = new CoordinatorOptions { SnapshotEvery = 3 };
        var coordinator = StartCoordinator(options);
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 12));
        var probe = CreateTestProbe();
        Hello(coordinator, "probe", probe);
        for (var i = 0; i < 4; i++)
        {
            coordinator.Tell(new RequestTrials("probe", 2), probe.Ref);
            var trials = probe.ExpectMsg<TrialsAssigned>().Trials;
            if (i < 3) coordinator.Tell(new ReportOutcomes("probe", i, [Success(trials[0])]), probe.Ref);
            if (i < 3) probe.ExpectMsg<OutcomesRecorded>();
        }
        Watch(coordinator);
        Sys.Stop(coordinator);
        ExpectTerminated(coordinator);

        var recovered = StartCoordinator(options, "coordinator-again");
        var after = await Progress(recovered);
        Assert.Equal((3L, 0L, 8L), (after.Completed, after.Running, after.Dispatched));
        StartWorker(recovered);
        Assert.Equal(12, (await UntilOver(recovered)).Completed);
        await UntilStored(recovered, projection);

        var rows = Store.ReadTrials("noop-sweep").ToList();
        Assert.Equal(12, rows.Count(r => r.Status == TrialStatus.Completed));
        Assert.Equal(5, rows.Count(r => r.Attempt == 2));
    }

    [Fact]
    public async Task The_same_spec_submitted_again_is_accepted_as_existing_and_a_changed_one_is_refused()
    {
        var coordinator = StartCoordinator();
        await Submit(coordinator, Specs.Noop(trials: 3));
        var again = await Submit(coordinator, Specs.Noop(trials: 3), Specs.Noop(name: "other", trials: 2));
        Assert.Equal([(true, true), (true, false)], again.Sweeps.Select(s => (s.Accepted, s.Existing)));
        var changed = await Submit(coordinator, Specs.Noop(trials: 2));
        Assert.False(changed.Sweeps.Single().Accepted);
        Assert.Contains("trials: stored 3, now 2", changed.Sweeps.Single().Problems);
    }

    [Fact]
    public void A_worker_speaking_another_protocol_is_refused_with_the_reason_and_a_matching_one_is_welcomed()
    {
        var coordinator = StartCoordinator();
        coordinator.Tell(new WorkerHello("old", WorkerHello.CurrentProtocol + 1, "9.9.9"), TestActor);
        var refused = ExpectMsg<WorkerRefused>();
        Assert.Contains($"worker old (Sweeps 9.9.9, protocol {WorkerHello.CurrentProtocol + 1}) refused", refused.Reason);
        Assert.Contains("run the same Sweeps version on every node", refused.Reason);
        coordinator.Tell(new WorkerHello("current", WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion), TestActor);
        ExpectMsg<WorkerWelcome>();
    }

    [Fact]
    public async Task A_worker_restarted_under_the_same_name_waits_until_its_old_self_is_gone_then_takes_over()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 8, sleepMs: 1000));
        var old = StartWorker(coordinator, "gpu", slots: 2);
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Running > 0, Patience, TimeSpan.FromMilliseconds(50));

        IActorRef restarted = null!;
        await EventFilter.Warning(contains: "does not accept this worker as 'gpu' yet").ExpectOneAsync(Patience, () =>
        {
            restarted = Sys.ActorOf(Sweeps.Cluster.Workers.TrialWorker.Props(coordinator,
                new Sweeps.Cluster.Workers.WorkerOptions { Name = "gpu", Slots = 2, HeartbeatInterval = TimeSpan.FromMilliseconds(200) }, Specs.Jobs), "gpu-restarted");
            return Task.CompletedTask;
        });
        Watch(old);
        Sys.Stop(old); // as if its process died: no hand-back
        ExpectTerminated(old, Patience);

        var progress = await UntilOver(coordinator);
        await UntilStored(coordinator, projection);
        Assert.Equal((8L, 0L), (progress.Completed, progress.Failed));
        Assert.All(Store.ReadTrials("noop-sweep"), r => Assert.Equal((TrialStatus.Completed, "gpu"), (r.Status, r.Worker)));
        Sys.Stop(restarted);
    }

    [Fact]
    public async Task A_refused_worker_stops_and_says_why()
    {
        var coordinator = StartCoordinator();
        var reason = new TaskCompletionSource<string>();
        var worker = Sys.ActorOf(Sweeps.Cluster.Workers.TrialWorker.Props(coordinator,
            new Sweeps.Cluster.Workers.WorkerOptions { Name = "old", Protocol = 99, OnRefused = r => reason.TrySetResult(r) }, Specs.Jobs));
        Watch(worker);
        ExpectTerminated(worker, Patience);
        Assert.Contains("protocol 99) refused", await reason.Task.WaitAsync(Patience));
        await Submit(coordinator, Specs.Noop(trials: 2));
        Assert.Equal(0, (await Progress(coordinator)).Running);
    }

    [Fact]
    public async Task A_worker_not_yet_introduced_is_asked_to_say_hello_and_a_refusal_hands_the_trial_back_and_makes_the_sweep_wait()
    {
        var coordinator = StartCoordinator();
        await Submit(coordinator, Specs.Noop(trials: 2));
        var probe = CreateTestProbe();
        coordinator.Tell(new RequestTrials("probe", 1), probe.Ref);
        probe.ExpectMsg<IntroduceYourself>();

        Hello(coordinator, "probe", probe);
        coordinator.Tell(new RequestTrials("probe", 1), probe.Ref);
        var trial = probe.ExpectMsg<TrialsAssigned>().Trials.Single();
        coordinator.Tell(new RefuseTrials("probe", 1, [new RefusedTrial(trial.Sweep, trial.Index, trial.Attempt, "the program is missing")]), probe.Ref);
        probe.ExpectMsg<OutcomesRecorded>(r => r.Batch == 1);

        await AwaitConditionAsync(async () => (await Progress(coordinator)).Waiting is not null, Patience);
        var progress = await Progress(coordinator);
        Assert.Equal("no connected worker can run it: worker probe refused it: the program is missing", progress.Waiting);
        Assert.Equal((0L, 0L, 0L), (progress.Failed, progress.Completed, progress.Running));
        coordinator.Tell(new RequestTrials("probe", 5), probe.Ref);
        probe.ExpectMsg<NoTrialsAvailable>();
    }

    public static TheoryData<WorkerHello, string> HostileHellos() => new()
    {
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Jobs: Enumerable.Range(0, 1001).Select(i => $"k{i}").ToList()), "at most 1000 are allowed" },
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Labels: Enumerable.Range(0, 65).ToDictionary(i => $"l{i}", _ => "x")), "at most 64 are allowed" },
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Labels: new Dictionary<string, string> { ["gpu model"] = "a100" }), "is not a label name" },
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Labels: new Dictionary<string, string> { ["gpu"] = "a\nb" }), "is not a label value" },
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Plugins: [new string('p', 201)]), "longer than 200 characters" },
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Slots: -1), "claims -1 trial slots" },
        { new WorkerHello("w", WorkerHello.CurrentProtocol, "0", Slots: WorkerHello.MaxSlots + 1), "give 1 to 100000" },
    };

    [Theory, MemberData(nameof(HostileHellos))]
    public void A_hello_past_its_bounds_is_refused_with_the_reason(WorkerHello hello, string expected)
    {
        var coordinator = StartCoordinator();
        coordinator.Tell(hello, TestActor);
        Assert.Contains(expected, ExpectMsg<WorkerRefused>().Reason);
    }

    /// <summary>A probe introduces itself as a worker that runs noop, as a real worker does before it asks for trials.</summary>
    private static void Hello(IActorRef coordinator, string name, Akka.TestKit.TestProbe probe)
    {
        coordinator.Tell(new WorkerHello(name, WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion, Jobs: ["noop"]), probe.Ref);
        probe.ExpectMsg<WorkerWelcome>();
    }
}
