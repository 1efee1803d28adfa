using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>The coordinator's decisions and state, driven without an ActorSystem.</summary>
public sealed class CoordinatorStateTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    private static CoordinatorState WithSweep(int trials = 10, CoordinatorOptions? options = null)
    {
        var state = new CoordinatorState(Specs.Jobs, options ?? new CoordinatorOptions());
        Apply(state, [state.DecideSubmit(Specs.Noop(trials: trials), Now).Event!]);
        return state;
    }

    private static IReadOnlyList<object> Apply(CoordinatorState state, IEnumerable<object> events)
    {
        var list = events.ToList();
        foreach (var e in list) state.Apply(e);
        return list;
    }

    private static List<TrialAssignment> Dispatch(CoordinatorState state, string worker, int count) =>
        Apply(state, state.DecideDispatch(worker, count, Now)).OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();

    private static TrialOutcome Success(TrialAssignment a) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["value"] = 1 }, null, null, Now, Now);

    private static SweepProgress Progress(CoordinatorState state) => state.Progress().Single();

    [Fact]
    public void Submitting_the_same_spec_twice_is_a_no_op_and_a_changed_spec_is_refused_with_the_difference()
    {
        var state = WithSweep(trials: 10);
        var again = state.DecideSubmit(Specs.Noop(trials: 10), Now);
        Assert.Equal((true, true, (SweepSubmitted?)null), (again.Reply.Accepted, again.Reply.Existing, again.Event));

        var changed = state.DecideSubmit(Specs.Noop(trials: 8), Now); // fewer trials: more would extend it
        Assert.False(changed.Reply.Accepted);
        Assert.Null(changed.Event);
        Assert.Contains(changed.Reply.Problems, p => p.Contains("already exists with a different spec"));
        Assert.Contains(changed.Reply.Problems, p => p.Contains("trials: stored 10, now 8"));
    }

    [Fact]
    public void More_trials_extend_a_sweep_even_a_finished_one_but_not_a_cancelled_one()
    {
        var state = WithSweep(trials: 4);
        foreach (var trial in Dispatch(state, "w1", 4)) Apply(state, state.DecideOutcomes("w1", [Success(trial)]).Events);
        Assert.Equal(SweepState.Finished, Progress(state).State);

        var grown = state.DecideSubmit(Specs.Noop(trials: 6), Now);
        Assert.Equal((true, true, 6L), (grown.Reply.Accepted, grown.Reply.Existing, grown.Reply.TotalTrials));
        Apply(state, [Assert.IsType<SweepExtended>(grown.Event)]);
        Assert.Equal((SweepState.Running, 6L, 4L), (Progress(state).State, Progress(state).Total, Progress(state).Completed));
        Assert.Equal([4L, 5], Dispatch(state, "w1", 10).Select(t => t.Index));

        Apply(state, [state.DecideStateChange("noop-sweep", SweepState.Cancelled, Now).Event!]);
        var refused = state.DecideSubmit(Specs.Noop(trials: 8), Now);
        Assert.False(refused.Reply.Accepted);
        Assert.Null(refused.Event);
        Assert.Contains(refused.Reply.Problems, p => p.Contains("was cancelled; it cannot be given more trials"));
    }

    [Fact]
    public void Trials_are_handed_out_once_each_in_index_order_until_none_are_left()
    {
        var state = WithSweep(trials: 10);
        var first = Dispatch(state, "w1", 4);
        var second = Dispatch(state, "w2", 100);
        Assert.Equal([0L, 1, 2, 3], first.Select(a => a.Index));
        Assert.Equal([4L, 5, 6, 7, 8, 9], second.Select(a => a.Index));
        Assert.All(first.Concat(second), a => Assert.Equal(1, a.Attempt));
        Assert.Empty(state.DecideDispatch("w3", 5, Now));
        Assert.Equal(10, Progress(state).Running);
    }

    [Fact]
    public void A_result_is_recorded_once_and_a_repeated_or_late_one_is_ignored()
    {
        var state = WithSweep(trials: 3);
        var trials = Dispatch(state, "w1", 3);
        Apply(state, state.DecideOutcomes("w1", [Success(trials[0])]).Events);
        Assert.Empty(state.DecideOutcomes("w1", [Success(trials[0])]).Events);
        Assert.Empty(state.DecideOutcomes("w1", [Success(trials[1]) with { Attempt = 7 }]).Events);

        var both = state.DecideOutcomes("w1", [Success(trials[1]), Success(trials[1])]).Events;
        Assert.Single(Assert.IsType<TrialsFinished>(Assert.Single(both)).Outcomes);
        Apply(state, both);
        Assert.Equal((2L, 1L), (Progress(state).Completed, Progress(state).Running));
    }

    [Fact]
    public void Results_from_a_worker_that_does_not_hold_the_attempt_are_refused_and_the_holder_s_are_kept()
    {
        var state = WithSweep(trials: 6);
        var trials = Dispatch(state, "w1", 6);
        var forged = trials.Select(t => Success(t) with { Metrics = new Dictionary<string, double> { ["value"] = 666 } }).ToList();

        var refused = state.DecideOutcomes("forger", forged);
        Assert.Empty(refused.Events);
        Assert.Equal(trials.Select(t => t.Key), refused.Refused.Select(r => r.Trial));
        Assert.All(refused.Refused, r => Assert.True(r.HeldByAnother));
        Assert.Equal("attempt 1 was handed to worker 'w1', not 'forger'", refused.Refused[0].Reason);
        Assert.Equal(6, Progress(state).Running);

        var kept = state.DecideOutcomes("w1", trials.Select(Success).ToList());
        Assert.Empty(kept.Refused);
        var finished = Assert.IsType<TrialsFinished>(Apply(state, kept.Events)[0]);
        Assert.Equal(("w1", 6), (finished.Worker, finished.Outcomes.Count));
        Assert.All(finished.Outcomes, o => Assert.Equal(1, o.Metrics["value"]));
        Assert.Equal((6L, SweepState.Finished), (Progress(state).Completed, Progress(state).State));
    }

    [Fact]
    public void A_mixed_report_keeps_the_worker_s_own_results_and_refuses_the_others_each_with_its_reason()
    {
        var state = WithSweep(trials: 4);
        var mine = Dispatch(state, "w1", 2);
        var theirs = Dispatch(state, "w2", 2);
        var decision = state.DecideOutcomes("w1", [Success(mine[0]), Success(theirs[0]), Success(mine[1]) with { Attempt = 2 },
            Success(mine[0]) with { Sweep = "nope" }]);

        Assert.Equal([mine[0].Key], Assert.IsType<TrialsFinished>(Assert.Single(decision.Events)).Outcomes.Select(o => o.Key));
        Assert.Equal(
            [(theirs[0].Key, "attempt 1 was handed to worker 'w2', not 'w1'", true), (mine[1].Key, "attempt 1 is running, not 2", false),
             (new TrialKey("nope", 0), "there is no sweep named 'nope'", false)],
            decision.Refused.Select(r => (r.Trial, r.Reason, r.HeldByAnother)));
    }

    [Fact]
    public void Trials_are_handed_back_only_by_the_worker_that_holds_them()
    {
        var state = WithSweep(trials: 2);
        var trials = Dispatch(state, "w1", 2);
        var forged = state.DecideReturned("forger", trials.Select(t => new ReturnedTrial(t.Sweep, t.Index, t.Attempt)).ToList());
        Assert.Empty(forged.Events);
        Assert.All(forged.Refused, r => Assert.True(r.HeldByAnother));
        Assert.Single(state.DecideReturned("w1", [new ReturnedTrial(trials[0].Sweep, trials[0].Index, 1)]).Events);
    }

    [Fact]
    public void The_last_result_finishes_the_sweep()
    {
        var state = WithSweep(trials: 2);
        var trials = Dispatch(state, "w1", 2);
        var events = Apply(state, state.DecideOutcomes("w1", trials.Select(Success).ToList()).Events);
        Assert.Equal(SweepState.Finished, Assert.IsType<SweepStateChanged>(events.Last()).State);
        Assert.True(Progress(state).IsOver);
        Assert.False(state.HasWork);
    }

    [Fact]
    public void A_failed_trial_counts_as_done_and_is_not_run_again()
    {
        var state = WithSweep(trials: 1);
        var trial = Dispatch(state, "w1", 1).Single();
        Apply(state, state.DecideOutcomes("w1", [Success(trial) with { Succeeded = false, Error = "boom" }]).Events);
        Assert.Equal((0L, 1L, SweepState.Finished), (Progress(state).Completed, Progress(state).Failed, Progress(state).State));
    }

    [Fact]
    public void A_lost_worker_s_trials_run_again_as_a_new_attempt_and_its_late_result_is_ignored()
    {
        var state = WithSweep(trials: 4);
        var lost = Dispatch(state, "w1", 2);
        Dispatch(state, "w2", 2);
        var events = Apply(state, state.DecideWorkerLost("w1", "worker terminated"));
        var requeued = Assert.IsType<TrialsRequeued>(Assert.Single(events));
        Assert.Equal([(0L, 2, 1), (1L, 2, 1)], requeued.Trials.Select(t => (t.Index, t.Attempt, t.Losses)));

        var again = Dispatch(state, "w3", 10);
        Assert.Equal([(0L, 2), (1L, 2)], again.Select(a => (a.Index, a.Attempt)));
        Assert.Empty(state.DecideOutcomes("w1", [Success(lost[0])]).Events);
        Assert.Single(state.DecideOutcomes("w3", [Success(again[0])]).Events);
    }

    [Fact]
    public void A_trial_whose_workers_are_lost_too_often_fails_with_the_reason()
    {
        var state = WithSweep(trials: 1, new CoordinatorOptions { MaxLosses = 2 });
        Dispatch(state, "w1", 1);
        Apply(state, state.DecideWorkerLost("w1", "worker terminated"));
        Dispatch(state, "w2", 1);
        var events = Apply(state, state.DecideWorkerLost("w2", "worker terminated"));

        var failed = Assert.IsType<TrialsFinished>(events[0]).Outcomes.Single();
        Assert.False(failed.Succeeded);
        Assert.Equal("gave up after losing its worker 2 times; last: worker terminated on w2", failed.Error);
        Assert.Equal((1L, SweepState.Finished), (Progress(state).Failed, Progress(state).State));
    }

    [Fact]
    public void Leases_expire_without_heartbeats_and_are_renewed_by_them()
    {
        var state = WithSweep(trials: 4, new CoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(10) });
        var silent = Dispatch(state, "silent", 2);
        var alive = Dispatch(state, "alive", 2);
        state.RenewLeases("alive", alive.Select(a => a.Key), Now + TimeSpan.FromSeconds(8));
        state.RenewLeases("alive", silent.Select(a => a.Key), Now + TimeSpan.FromSeconds(8)); // not its trials: no effect

        var events = state.DecideExpiredLeases(Now + TimeSpan.FromSeconds(11));
        var requeued = Assert.IsType<TrialsRequeued>(Assert.Single(events));
        Assert.Equal(silent.Select(a => a.Index), requeued.Trials.Select(t => t.Index));
        Assert.Contains("lease expired", requeued.Reason);
    }

    [Fact]
    public void Handed_back_trials_run_again_without_counting_as_a_loss()
    {
        var state = WithSweep(trials: 2);
        var trials = Dispatch(state, "w1", 2);
        Apply(state, state.DecideReturned("w1", trials.Select(t => new ReturnedTrial(t.Sweep, t.Index, t.Attempt)).ToList()).Events);
        Assert.Empty(state.DecideReturned("w1", [new ReturnedTrial(trials[0].Sweep, 0, 1)]).Events);
        Assert.Equal([(0L, 2), (1L, 2)], Dispatch(state, "w2", 2).Select(a => (a.Index, a.Attempt)));
    }

    [Fact]
    public void After_recovery_every_running_trial_runs_again_as_a_new_attempt()
    {
        var state = WithSweep(trials: 5);
        var trials = Dispatch(state, "w1", 3);
        Apply(state, state.DecideOutcomes("w1", [Success(trials[0])]).Events);
        state.RequeueAllRunning();

        Assert.Equal(0, Progress(state).Running);
        Assert.Equal([(1L, 2), (2L, 2), (3L, 1), (4L, 1)], Dispatch(state, "w2", 10).Select(a => (a.Index, a.Attempt)));
    }

    [Fact]
    public void A_snapshot_restores_the_same_state_and_its_size_does_not_grow_with_finished_trials()
    {
        var state = WithSweep(trials: 1000);
        var trials = Dispatch(state, "w1", 600);
        Apply(state, state.DecideOutcomes("w1", trials.Take(590).Select(Success).ToList()).Events);
        var snapshot = state.Snapshot();
        Assert.Equal(10, snapshot.Sweeps.Single().ToRunAgain.Count);

        var restored = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        restored.Restore(snapshot);
        Assert.Equal((590L, 600L, 0L), (Progress(restored).Completed, Progress(restored).Dispatched, Progress(restored).Running));
        var next = Dispatch(restored, "w2", 12);
        Assert.Equal(Enumerable.Range(590, 10).Select(i => ((long)i, 2)).Concat([(600L, 1), (601L, 1)]), next.Select(a => (a.Index, a.Attempt)));
    }

    [Fact]
    public void Trials_carry_their_parameters_and_seed_from_the_plan()
    {
        var state = WithSweep(trials: 3);
        var plan = new Sweeps.Core.Trials.TrialPlan(Specs.Parse(trials: 3));
        foreach (var a in Dispatch(state, "w1", 3))
        {
            var trial = plan.At(a.Index);
            Assert.Equal((trial.Seed, trial.Parameters.ToString(), "noop"), (a.Seed, a.Parameters.ToString(), a.Job));
        }
    }

    [Fact]
    public void A_paused_sweep_hands_out_nothing_until_resumed_and_a_cancelled_one_never_again()
    {
        var state = WithSweep(trials: 4);
        Apply(state, [state.DecideStateChange("noop-sweep", SweepState.Paused, Now).Event!]);
        Assert.Empty(state.DecideDispatch("w1", 4, Now));
        Assert.Null(state.DecideStateChange("noop-sweep", SweepState.Paused, Now).Event);
        Apply(state, [state.DecideStateChange("noop-sweep", SweepState.Running, Now).Event!]);
        Assert.Equal(2, Dispatch(state, "w1", 2).Count);
        Apply(state, [state.DecideStateChange("noop-sweep", SweepState.Cancelled, Now).Event!]);
        Assert.Empty(state.DecideDispatch("w1", 4, Now));
        Assert.Contains("cannot be changed any more", state.DecideStateChange("noop-sweep", SweepState.Running, Now).Message);
        Assert.Contains("no sweep named 'nope'", state.DecideStateChange("nope", SweepState.Paused, Now).Message);
    }

    [Theory]
    [InlineData(SweepState.Finished, "a sweep cannot be set to 'finished'; choose running (resume), paused or cancelled")]
    [InlineData((SweepState)42, "a sweep cannot be set to state 42; choose running (resume), paused or cancelled")]
    public void A_sweep_is_set_only_to_a_state_a_person_may_choose(SweepState target, string message)
    {
        var state = WithSweep(trials: 2);
        var decision = state.DecideStateChange("noop-sweep", target, Now);
        Assert.Equal(((SweepStateChanged?)null, message), (decision.Event, decision.Message));
        Assert.Equal(SweepState.Running, Progress(state).State);
    }

    [Fact]
    public void Several_sweeps_share_the_workers()
    {
        var state = WithSweep(trials: 4);
        Apply(state, [state.DecideSubmit(Specs.Noop(name: "second", trials: 4), Now).Event!]);
        var handed = Dispatch(state, "w1", 6);
        Assert.Equal(6, handed.Count);
        Assert.Equal(2, handed.Select(a => a.Sweep).Distinct().Count());
    }
}
