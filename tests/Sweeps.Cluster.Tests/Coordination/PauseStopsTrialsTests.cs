using Sweeps.Cluster.Events;
using Akka.Actor;
using Akka.TestKit;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Lifecycle;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>Pause and cancel stop trials already running, with real actors, a real journal and a real store.</summary>
public sealed class PauseStopsTrialsTests(ITestOutputHelper output) : ClusterTestKit(TestStores.Create(TestStores.Sqlite), output)
{
    /// <summary>Long enough that a trial finishes only if something is wrong; noop waits on its cancellation meanwhile.</summary>
    private const double Forever = 3_600_000;

    private static TrialOutcome Success(TrialAssignment a) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["value"] = 1 }, null, null, DateTime.UtcNow, DateTime.UtcNow);

    private static void Hello(IActorRef coordinator, string name, TestProbe probe)
    {
        coordinator.Tell(new WorkerHello(name, WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion, Jobs: ["noop"]), probe.Ref);
        probe.ExpectMsg<WorkerWelcome>();
    }

    private async Task<SweepStateChangeResult> Change(IActorRef coordinator, SweepState to) =>
        await coordinator.Ask<SweepStateChangeResult>(new ChangeSweepState("noop-sweep", to), Patience);

    [Fact]
    public async Task Pausing_tells_the_holder_to_stop_again_on_its_heartbeat_and_the_trials_run_again_on_resume_recorded_once()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 3));
        var holder = CreateTestProbe();
        var other = CreateTestProbe();
        Hello(coordinator, "holder", holder);
        Hello(coordinator, "other", other);
        coordinator.Tell(new RequestTrials("holder", 3), holder.Ref);
        var held = holder.ExpectMsg<TrialsAssigned>().Trials;

        Assert.True((await Change(coordinator, SweepState.Paused)).Done);
        var stop = holder.FishForMessage<StopTrials>(_ => true, Patience);
        Assert.Equal(("noop-sweep", SweepState.Paused), (stop.Sweep, stop.Because));
        Assert.Equal([0L, 1, 2], stop.Indexes);

        // as if that stop were lost: the next heartbeat that names the trials is answered with it again
        coordinator.Tell(new WorkerHeartbeat("holder", held.Select(t => t.Key).ToList()), holder.Ref);
        Assert.Equal([0L, 1, 2], holder.ExpectMsg<StopTrials>(Patience).Indexes);
        // a worker holding none of them hears nothing (the progress report comes after anything the heartbeat caused)
        coordinator.Tell(new WorkerHeartbeat("other", []), other.Ref);
        coordinator.Tell(GetProgress.Instance, other.Ref);
        other.ExpectMsg<ProgressReport>(Patience);

        coordinator.Tell(new ReturnTrials("holder", 1, held.Select(t => new ReturnedTrial(t.Sweep, t.Index, t.Attempt)).ToList()), holder.Ref);
        holder.FishForMessage<OutcomesRecorded>(r => r.Batch == 1, Patience);
        var paused = await Progress(coordinator);
        Assert.Equal((SweepState.Paused, 0, 0L), (paused.State, paused.Running, paused.Done));
        coordinator.Tell(new WorkerHeartbeat("holder", []), holder.Ref);
        coordinator.Tell(GetProgress.Instance, holder.Ref);
        holder.FishForMessage<ProgressReport>(_ => true, Patience);

        Assert.True((await Change(coordinator, SweepState.Running)).Done);
        coordinator.Tell(new RequestTrials("other", 3), other.Ref);
        var again = other.FishForMessage<TrialsAssigned>(_ => true, Patience).Trials;
        Assert.Equal([(0L, 2), (1L, 2), (2L, 2)], again.Select(t => (t.Index, t.Attempt)));
        coordinator.Tell(new ReportOutcomes("holder", 2, held.Select(Success).ToList()), holder.Ref); // the stopped attempts: refused
        coordinator.Tell(new ReportOutcomes("other", 1, again.Select(Success).ToList()), other.Ref);
        Assert.Equal((3L, 0L), ((await UntilOver(coordinator)).Completed, (await UntilOver(coordinator)).Failed));
        await UntilStored(coordinator, projection);
        Assert.All(Store.ReadTrials("noop-sweep"), r => Assert.Equal((TrialStatus.Completed, 2, "other"), (r.Status, r.Attempt, r.Worker)));
    }

    [Fact]
    public async Task A_real_worker_stops_a_paused_sweep_s_running_trials_and_hands_them_back_and_cancel_ends_them_for_good()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        await Submit(coordinator, Specs.Noop(trials: 4, sleepMs: Forever));
        StartWorker(coordinator, slots: 2);
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Running == 4, Patience, TimeSpan.FromMilliseconds(50));

        await EventFilter.Info(contains: "Sweep noop-sweep is paused: stopping").ExpectOneAsync(Patience, async () =>
            Assert.True((await Change(coordinator, SweepState.Paused)).Done));
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Running == 0, Patience, TimeSpan.FromMilliseconds(50));
        var paused = await Progress(coordinator);
        Assert.Equal((SweepState.Paused, 0L, 4L), (paused.State, paused.Done, paused.Dispatched));

        Assert.True((await Change(coordinator, SweepState.Running)).Done);
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Running == 4, Patience, TimeSpan.FromMilliseconds(50));
        Assert.True((await Change(coordinator, SweepState.Cancelled)).Done);
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Running == 0, Patience, TimeSpan.FromMilliseconds(50));
        await UntilStored(coordinator, projection);

        var cancelled = await Progress(coordinator);
        Assert.Equal((SweepState.Cancelled, 0L), (cancelled.State, cancelled.Done));
        var rows = Store.ReadTrials("noop-sweep").ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal((TrialStatus.Pending, 2), (r.Status, r.Attempt)));
        Assert.All(rows, r => Assert.Contains("sweep cancelled: stopped on worker", r.Error));
    }

    [Fact]
    public void A_worker_stops_only_trials_it_holds_and_ignores_a_stop_out_of_bounds()
    {
        var coordinator = CreateTestProbe();
        var worker = Sys.ActorOf(TrialWorker.Props(coordinator.Ref, new WorkerOptions { Name = "w", Slots = 2, HeartbeatInterval = TimeSpan.FromMilliseconds(200) }, Specs.Jobs), "w");
        coordinator.FishForMessage<WorkerHello>(_ => true, Patience);
        worker.Tell(WorkerWelcome.Instance, coordinator.Ref);
        coordinator.FishForMessage<RequestTrials>(_ => true, Patience);
        var trials = Assignments(Specs.Noop(trials: 2, sleepMs: Forever));
        worker.Tell(new TrialsAssigned(trials), coordinator.Ref);

        EventFilter.Warning(contains: "Ignored a request to stop trials").ExpectOne(Patience, () =>
            worker.Tell(new StopTrials("noop-sweep", [0, 1], SweepState.Running), coordinator.Ref));
        worker.Tell(new StopTrials("noop-sweep", [1, 7], SweepState.Paused), coordinator.Ref); // it holds 1, not 7
        worker.Tell(new StopTrials("other-sweep", [0], SweepState.Cancelled), coordinator.Ref);

        var returned = coordinator.FishForMessage<ReturnTrials>(_ => true, Patience);
        Assert.Equal([new ReturnedTrial("noop-sweep", 1, 1)], returned.Trials);
        worker.Tell(new OutcomesRecorded(returned.Batch), coordinator.Ref);
        // trial 0 still runs: the next heartbeat still names it, and nothing more was handed back
        var heartbeat = coordinator.FishForMessage<WorkerHeartbeat>(h => !h.Holding.Contains(new TrialKey("noop-sweep", 1)), Patience);
        Assert.Contains(new TrialKey("noop-sweep", 0), heartbeat.Holding);
    }

    private static List<TrialAssignment> Assignments(string spec)
    {
        var state = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        state.Apply(state.DecideSubmit(spec, DateTime.UtcNow).Event!);
        var dispatched = state.DecideDispatch("w", 100, DateTime.UtcNow);
        foreach (var e in dispatched) state.Apply(e);
        return dispatched.OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();
    }
}
