using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary><c>sweeps retry</c> as the coordinator decides and applies it, without an ActorSystem.</summary>
public sealed class RetryTrialsTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 15, 0, 0, DateTimeKind.Utc);

    private static CoordinatorState WithSweep(int trials, string name = "noop-sweep")
    {
        var state = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        Apply(state, [state.DecideSubmit(Specs.Noop(name, trials: trials), Now).Event!]);
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

    private static TrialOutcome Outcome(TrialAssignment a, bool succeeded) =>
        new(a.Sweep, a.Index, a.Attempt, succeeded, new Dictionary<string, double> { ["value"] = a.Attempt }, null,
            succeeded ? null : "boom", Now, Now);

    /// <summary>Runs every trial of the sweep once: those in <paramref name="failing"/> fail, the rest complete.</summary>
    private static List<TrialAssignment> RunAll(CoordinatorState state, int trials, Func<long, bool> failing)
    {
        var handed = Dispatch(state, "w1", trials);
        Apply(state, state.DecideOutcomes("w1", handed.Select(a => Outcome(a, !failing(a.Index))).ToList()).Events);
        return handed;
    }

    private static SweepProgress Progress(CoordinatorState state) => state.Progress().Single();

    [Fact]
    public void Failed_trials_run_again_as_their_next_attempt_and_the_sweep_finishes_with_none_failed()
    {
        var state = WithSweep(trials: 6);
        var first = RunAll(state, 6, i => i is 1 or 4);
        Assert.Equal((SweepState.Finished, 4L, 2L), (Progress(state).State, Progress(state).Completed, Progress(state).Failed));

        var decision = state.DecideRetry("noop-sweep", failed: true, pruned: false, Now);
        Assert.True(decision.Done);
        Assert.Equal("sweep 'noop-sweep': 2 failed trials will run again as new attempts", decision.Message);
        var retried = Assert.IsType<TrialsRetried>(decision.Events[0]);
        Assert.Equal([new RetriedTrial(1, 2, 0), new RetriedTrial(4, 2, 0)], retried.Trials);
        Assert.Equal((2L, 0L), (retried.Failed, retried.Pruned));
        Assert.Equal(new SweepStateChanged("noop-sweep", SweepState.Running, Now), decision.Events[1]);
        Apply(state, decision.Events);
        Assert.Equal((SweepState.Running, 4L, 0L, 2L), (Progress(state).State, Progress(state).Completed, Progress(state).Failed, Progress(state).Pending));

        var again = Dispatch(state, "w2", 10);
        Assert.Equal([(1L, 2), (4L, 2)], again.Select(a => (a.Index, a.Attempt)));

        // the old attempt's result, arriving late, does not count
        var late = state.DecideOutcomes("w1", [Outcome(first[1], true)]);
        Assert.Empty(late.Events);
        Assert.Equal("attempt 2 is running, not 1", Assert.Single(late.Refused).Reason);

        Apply(state, state.DecideOutcomes("w2", again.Select(a => Outcome(a, true)).ToList()).Events);
        Assert.Equal((SweepState.Finished, 6L, 0L), (Progress(state).State, Progress(state).Completed, Progress(state).Failed));
        Assert.Equal("sweep 'noop-sweep' has no failed trials", state.DecideRetry("noop-sweep", true, false, Now).Message);
    }

    [Fact]
    public void Neither_flag_means_failed_and_pruned_trials_run_again_only_when_asked_for()
    {
        var state = WithSweep(trials: 4);
        var handed = Dispatch(state, "w1", 4);
        Apply(state, state.DecideOutcomes("w1", [Outcome(handed[0], false), Outcome(handed[1], true)]).Events);
        Apply(state, [new TrialsPruned("noop-sweep", [new PrunedTrial(Outcome(handed[2], true), 3, null, "worse than the median")], Now)]);
        Apply(state, state.DecideOutcomes("w1", [Outcome(handed[3], true)]).Events);
        Assert.Equal((SweepState.Finished, 1L, 1L), (Progress(state).State, Progress(state).Failed, Progress(state).Pruned));

        var neither = state.DecideRetry("noop-sweep", false, false, Now);
        Assert.Equal([0L], Assert.IsType<TrialsRetried>(neither.Events[0]).Trials.Select(t => t.Index));

        var both = state.DecideRetry("noop-sweep", true, true, Now);
        var retried = Assert.IsType<TrialsRetried>(both.Events[0]);
        Assert.Equal([(0L, 2), (2L, 2)], retried.Trials.Select(t => (t.Index, t.Attempt)));
        Assert.Equal((1L, 1L), (retried.Failed, retried.Pruned));
        Assert.Equal("sweep 'noop-sweep': 1 failed trial and 1 pruned trial will run again as new attempts", both.Message);

        var prunedOnly = state.DecideRetry("noop-sweep", false, true, Now);
        Apply(state, prunedOnly.Events);
        Assert.Equal((1L, 0L, 1L), (Progress(state).Failed, Progress(state).Pruned, Progress(state).Pending));
        Assert.Equal([(2L, 2)], Dispatch(state, "w1", 4).Select(a => (a.Index, a.Attempt)));
        Assert.Equal("sweep 'noop-sweep' has no pruned trials", state.DecideRetry("noop-sweep", false, true, Now).Message);
    }

    [Fact]
    public void Which_trials_failed_survives_a_snapshot_so_a_restored_coordinator_retries_them()
    {
        var state = WithSweep(trials: 5);
        RunAll(state, 5, i => i % 2 == 0);
        var restored = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        restored.Restore(state.Snapshot());

        var decision = restored.DecideRetry("noop-sweep", true, false, Now);
        Assert.Equal([(0L, 2), (2L, 2), (4L, 2)], Assert.IsType<TrialsRetried>(decision.Events[0]).Trials.Select(t => (t.Index, t.Attempt)));
        Apply(restored, decision.Events);
        Assert.Equal([0L, 2, 4], Dispatch(restored, "w1", 9).Select(a => a.Index));
    }

    [Fact]
    public void A_trial_failing_again_is_retried_as_the_attempt_after_that()
    {
        var state = WithSweep(trials: 1);
        RunAll(state, 1, _ => true);
        Apply(state, state.DecideRetry("noop-sweep", true, false, Now).Events);
        var second = Dispatch(state, "w1", 1);
        Apply(state, state.DecideOutcomes("w1", [Outcome(second[0], false)]).Events);
        Assert.Equal((SweepState.Finished, 1L), (Progress(state).State, Progress(state).Failed));

        Apply(state, state.DecideRetry("noop-sweep", true, false, Now).Events);
        Assert.Equal(3, Assert.Single(Dispatch(state, "w1", 1)).Attempt);
    }

    [Fact]
    public void Many_trials_are_retried_in_events_each_under_the_frame_size_in_one_decision()
    {
        var trials = 2 * CoordinatorState.RetriedPerEvent + 1;
        var state = WithSweep(trials: trials);
        RunAll(state, trials, _ => true);

        var decision = state.DecideRetry("noop-sweep", true, false, Now);
        var chunks = decision.Events.OfType<TrialsRetried>().ToList();
        Assert.Equal([CoordinatorState.RetriedPerEvent, CoordinatorState.RetriedPerEvent, 1], chunks.Select(c => c.Trials.Count));
        Assert.Equal(chunks.Select(c => (long)c.Trials.Count), chunks.Select(c => c.Failed));
        Apply(state, decision.Events);
        Assert.Equal((0L, (long)trials), (Progress(state).Failed, Progress(state).Pending));

        // the largest numbers a chunk can hold still journal, and travel, in a quarter of the 4 MB remote frame
        var worst = new TrialsRetried(new string('s', 200), Enumerable.Repeat(new RetriedTrial(long.MaxValue, int.MaxValue, int.MaxValue), CoordinatorState.RetriedPerEvent).ToList(),
            long.MaxValue, long.MaxValue, Now);
        Assert.InRange(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(worst, Sweeps.Cluster.Serialization.SweepsSerializer.Options).Length, 1, 1_000_000);
    }

    [Fact]
    public void A_paused_sweep_s_failed_trials_wait_for_resume()
    {
        var state = WithSweep(trials: 2);
        RunAll(state, 2, i => i == 0);
        Assert.Equal(SweepState.Finished, Progress(state).State);
        var paused = WithSweep(trials: 3);
        var handed = Dispatch(paused, "w1", 2);
        Apply(paused, paused.DecideOutcomes("w1", [Outcome(handed[0], false)]).Events);
        Apply(paused, [paused.DecideStateChange("noop-sweep", SweepState.Paused, Now).Event!]);

        var decision = paused.DecideRetry("noop-sweep", true, false, Now);
        Assert.EndsWith("will run again as new attempts once the sweep is resumed (it is paused)", decision.Message);
        Apply(paused, decision.Events);
        Assert.Equal(SweepState.Paused, Progress(paused).State);
        Assert.Empty(paused.DecideDispatch("w2", 5, Now));
    }

    [Theory]
    [InlineData("nope", "no sweep named 'nope'; known: noop-sweep, other")]
    [InlineData("other", "sweep 'other' has no failed trials")]
    [InlineData("noop-sweep", "sweep 'noop-sweep' was cancelled; its trials cannot run again (run a new sweep under another name)")]
    public void A_retry_is_refused_with_the_reason_and_changes_nothing(string sweep, string message)
    {
        var state = WithSweep(trials: 3);
        RunAll(state, 2, _ => true); // one trial left: the sweep is not over, so it can be cancelled
        Apply(state, [state.DecideSubmit(Specs.Noop("other", trials: 2), Now).Event!]);
        Apply(state, [state.DecideStateChange("noop-sweep", SweepState.Cancelled, Now).Event!]);

        var decision = state.DecideRetry(sweep, true, true, Now);
        Assert.False(decision.Done);
        Assert.Empty(decision.Events);
        Assert.Equal(message.Replace("no failed trials", "no failed or pruned trials"), decision.Message);
        Assert.Equal(2, state.Progress()[0].Failed);
    }

    [Fact]
    public void Failed_trials_of_a_snapshot_that_did_not_keep_which_are_refused_with_why()
    {
        var state = WithSweep(trials: 3);
        RunAll(state, 3, i => i > 0);
        var old = state.Snapshot();
        var restored = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        restored.Restore(old with { Sweeps = old.Sweeps.Select(s => s with { Failures = null }).ToList() });

        var decision = restored.DecideRetry("noop-sweep", true, false, Now);
        Assert.False(decision.Done);
        Assert.Equal("sweep 'noop-sweep' has 2 failed trials, but they ended before this version of Sweeps kept which; they cannot be retried", decision.Message);
    }

    [Fact]
    public void With_no_sweep_at_all_the_refusal_says_none_was_submitted()
    {
        var state = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        Assert.Equal("no sweep named 'x'; none has been submitted", state.DecideRetry("x", true, false, Now).Message);
    }
}
