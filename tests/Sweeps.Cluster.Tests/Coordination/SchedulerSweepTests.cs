using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>
/// Successive halving in the coordinator as pure state, against hand-worked examples: trials pause at rungs with their
/// results, the best 1/η continue from their checkpoints as new attempts, the rest are pruned; every decision is an event
/// made from journaled state, so a coordinator that dies before journaling one makes the same one after recovery.
/// </summary>
public sealed class SchedulerSweepTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A job in epochs whose loss at every epoch is its parameter x: the trial's rank is its x.</summary>
    internal static readonly JobDefinition Stepping = new("test.steps", "a job in epochs", [JobParameter.Real("x", "the loss", 0)], ["loss"],
        () => throw new InvalidOperationException("not run in these tests")) { Steps = "epoch" };

    private static readonly JobRegistry Jobs = new JobRegistry().Register(Stepping);

    // Trial i has x = Losses[i]: the order the hand-worked examples rank them in.
    private static readonly double[] Losses = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6];

    internal static string Spec(string kind, int reduction = 3, long max = 9, string name = "halving") => SpecText.ToCanonicalYaml(SpecLoader.Parse($"""
        name: {name}
        job: test.steps
        sampler: grid
        parameters:
          x: [{string.Join(", ", Losses.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]
        objective: {"{"}metric: loss, goal: minimize{"}"}
        scheduler: {"{"}kind: {kind}, min_resource: 1, max_resource: {max}, reduction_factor: {reduction}{"}"}
        """, "halving.yaml", Jobs).Single());

    private static CoordinatorState Submitted(string spec, List<object> journal)
    {
        var state = new CoordinatorState(Jobs, new CoordinatorOptions());
        Journal(state, [state.DecideSubmit(spec, Now).Event!], journal);
        return state;
    }

    private static void Journal(CoordinatorState state, IEnumerable<object> events, List<object> journal)
    {
        foreach (var e in events.ToList())
        {
            state.Apply(e);
            journal.Add(e);
        }
    }

    private static List<TrialAssignment> Dispatch(CoordinatorState state, string worker, int count, List<object> journal)
    {
        var events = state.DecideDispatch(worker, count, Now);
        Journal(state, events, journal);
        return events.OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();
    }

    private static TrialOutcome Ran(TrialAssignment a) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["loss"] = a.Parameters.GetReal("x") }, null, null, Now, Now);

    /// <summary>Reports the results one at a time, each followed by the rung decisions the coordinator makes then.</summary>
    private static void Report(CoordinatorState state, string worker, IEnumerable<TrialAssignment> trials, List<object> journal)
    {
        foreach (var trial in trials)
        {
            Journal(state, state.DecideOutcomes(worker, [Ran(trial)]).Events, journal);
            Journal(state, state.DecideSchedule(Now), journal);
        }
    }

    private static List<long> Promoted(IEnumerable<object> journal, int from) =>
        journal.OfType<TrialsPromoted>().SelectMany(p => p.Trials).Where(t => t.FromRung == from).Select(t => t.Index).ToList();

    private static List<long> Pruned(IEnumerable<object> journal) =>
        journal.OfType<TrialsPruned>().SelectMany(p => p.Trials).Select(t => t.Outcome.Index).Order().ToList();

    [Fact]
    public void Synchronous_halving_promotes_the_best_third_of_a_full_rung_and_prunes_the_rest()
    {
        var journal = new List<object>();
        var state = Submitted(Spec("sha"), journal);

        // Rung 0 (1 epoch): all nine, each told to stop after epoch 1 and keep its checkpoint.
        var bottom = Dispatch(state, "w", 9, journal);
        Assert.All(bottom, a => Assert.Equal((1L, true, 1), (a.StopAtStep!.Value, a.MayContinue, a.Attempt)));
        Report(state, "w", bottom.Take(8), journal);
        Assert.Empty(journal.OfType<TrialsPromoted>()); // eight of nine: the rung waits, whatever the order
        Report(state, "w", bottom.Skip(8), journal);

        // ⌊9/3⌋ = 3 go on: x = 0.1, 0.2, 0.3 are trials 1, 5, 3; the other six are pruned at rung 0.
        Assert.Equal([1L, 3L, 5L], Promoted(journal, 0).Order());
        Assert.Equal([0L, 2L, 4L, 6L, 7L, 8L], Pruned(journal));
        var pruned = journal.OfType<TrialsPruned>().Single().Trials.Single(t => t.Outcome.Index == 0);
        Assert.Equal((1L, 0), (pruned.Step, pruned.Rung!.Value));
        Assert.Contains("not in the best 3 of the 9 trials at rung 0 (epoch 1)", pruned.Outcome.Details!["pruned"]);
        Assert.Equal(0.9, pruned.Outcome.Metrics["loss"]);
        Assert.Equal(("1", "0"), (pruned.Outcome.Details["pruned_at_step"], pruned.Outcome.Details["pruned_at_rung"]));

        // Rung 1 (3 epochs): attempt 2 of each, from its checkpoint; the best one goes on to the last rung.
        var middle = Dispatch(state, "w", 9, journal);
        Assert.Equal([1L, 3L, 5L], middle.Select(a => a.Index).Order());
        Assert.All(middle, a => Assert.Equal((3L, true, 2), (a.StopAtStep!.Value, a.MayContinue, a.Attempt)));
        Report(state, "w", middle, journal);
        Assert.Equal([1L], Promoted(journal, 1));
        Assert.Equal([0L, 2L, 3L, 4L, 5L, 6L, 7L, 8L], Pruned(journal));

        // Rung 2 (9 epochs, the last): it runs to the end and its checkpoint goes; the sweep then finishes.
        var top = Dispatch(state, "w", 9, journal);
        Assert.Equal((1L, 9L, false, 3), (top.Single().Index, top.Single().StopAtStep!.Value, top.Single().MayContinue, top.Single().Attempt));
        Report(state, "w", top, journal);
        var progress = state.Progress().Single();
        Assert.Equal((SweepState.Finished, 1L, 8L, 0L), (progress.State, progress.Completed, progress.Pruned, progress.Failed));
        Assert.Equal(9, progress.Done);
    }

    [Fact]
    public void Synchronous_halving_decides_the_same_with_any_number_of_workers_and_any_result_order()
    {
        static List<string> Decisions(int workers, bool reversed)
        {
            var journal = new List<object>();
            var state = Submitted(Spec("sha"), journal);
            while (!state.Progress().Single().State.IsOver())
            {
                var held = Enumerable.Range(0, workers).Select(w => (Worker: $"w{w}", Trials: Dispatch(state, $"w{w}", 2, journal))).ToList();
                Assert.Contains(held, h => h.Trials.Count > 0);
                foreach (var (worker, trials) in reversed ? Enumerable.Reverse(held) : held)
                    Report(state, worker, reversed ? Enumerable.Reverse(trials) : trials, journal);
            }
            return journal.OfType<TrialsPromoted>().SelectMany(p => p.Trials.Select(t => $"promote {t.Index} {t.FromRung}->{t.ToRung} as {t.Attempt}"))
                .Concat(journal.OfType<TrialsPruned>().SelectMany(p => p.Trials.Select(t => $"prune {t.Outcome.Index} at {t.Rung}")))
                .Order().ToList();
        }

        var one = Decisions(1, reversed: false);
        Assert.Equal(one, Decisions(3, reversed: true));
        Assert.Equal(one, Decisions(4, reversed: false));
        Assert.Equal(4, one.Count(d => d.StartsWith("promote")));
    }

    [Fact]
    public void Asynchronous_halving_promotes_as_soon_as_a_trial_is_in_the_best_third_so_far_as_in_Li_et_al_algorithm_2()
    {
        var journal = new List<object>();
        var state = Submitted(Spec("asha"), journal);
        var bottom = Dispatch(state, "w", 9, journal).ToDictionary(a => a.Index);

        // Results in the order 0, 1, 2: with three at rung 0, ⌊3/3⌋ = 1 may go on, the best: trial 1 (0.1).
        Report(state, "w", [bottom[0], bottom[2]], journal);
        Assert.Empty(Promoted(journal, 0));
        Report(state, "w", [bottom[1]], journal);
        Assert.Equal([1L], Promoted(journal, 0));
        // Trial 3 (0.3) makes four: still one may go on, and that is trial 1 already.
        Report(state, "w", [bottom[3]], journal);
        Assert.Equal([1L], Promoted(journal, 0));
        // Trials 4 (0.7) and 5 (0.2) make six: two may go on, trials 1 and 5.
        Report(state, "w", [bottom[4], bottom[5]], journal);
        Assert.Equal([1L, 5L], Promoted(journal, 0));
        Assert.Empty(Pruned(journal)); // asynchronous: nobody is pruned while the rung can still grow

        // The rest of rung 0 and the promoted trials' runs, until nothing runs: then the paused trials are pruned.
        Report(state, "w", [bottom[6], bottom[7], bottom[8]], journal);
        Assert.Equal([1L, 5L, 3L], Promoted(journal, 0));
        while (!state.Progress().Single().State.IsOver())
        {
            var next = Dispatch(state, "w", 9, journal);
            Assert.NotEmpty(next);
            Report(state, "w", next, journal);
        }
        Assert.Equal([1L], Promoted(journal, 1));
        Assert.Equal([0L, 2L, 3L, 4L, 5L, 6L, 7L, 8L], Pruned(journal));
        Assert.Contains("not promoted from rung 0 (epoch 1)", journal.OfType<TrialsPruned>().SelectMany(p => p.Trials).First(t => t.Outcome.Index == 0).Reason);
        Assert.Equal((1L, 8L), (state.Progress().Single().Completed, state.Progress().Single().Pruned));
    }

    [Fact]
    public void A_coordinator_killed_between_a_rung_decision_and_its_journal_write_makes_the_same_decision_after_recovery()
    {
        var journal = new List<object>();
        var state = Submitted(Spec("sha"), journal);
        var bottom = Dispatch(state, "w", 9, journal);
        foreach (var trial in bottom) Journal(state, state.DecideOutcomes("w", [Ran(trial)]).Events, journal);

        // The decision is made, and the coordinator dies before writing it.
        var decided = state.DecideSchedule(Now);
        Assert.Equal(2, decided.Count);

        var recovered = Recover(journal);
        var again = recovered.DecideSchedule(Now);
        Assert.Equal(Describe(decided), Describe(again));

        // Written this time: replayed, it is not decided a second time.
        Journal(recovered, again, journal);
        var afterWrite = Recover(journal);
        Assert.Empty(afterWrite.DecideSchedule(Now));
        var rerun = Dispatch(afterWrite, "w2", 9, journal);
        Assert.Equal([1L, 3L, 5L], rerun.Select(a => a.Index).Order());
        Assert.All(rerun, a => Assert.Equal(2, a.Attempt));
    }

    [Fact]
    public void A_snapshot_keeps_the_rungs_the_paused_trials_and_the_promotions()
    {
        var journal = new List<object>();
        var state = Submitted(Spec("asha"), journal);
        Report(state, "w", Dispatch(state, "w", 9, journal), journal);
        var restored = new CoordinatorState(Jobs, new CoordinatorOptions());
        restored.Restore(state.Snapshot());
        restored.RequeueAllRunning();
        state.RequeueAllRunning();

        var running = new List<object>();
        var fromSnapshot = Dispatch(restored, "w", 9, running).Select(a => (a.Index, a.Attempt, a.StopAtStep)).ToList();
        var fromJournal = Dispatch(state, "w", 9, running).Select(a => (a.Index, a.Attempt, a.StopAtStep)).ToList();
        Assert.Equal(fromJournal, fromSnapshot);
        Assert.Equal([(1L, 2, (long?)3), (3L, 2, 3), (5L, 2, 3)], fromSnapshot.OrderBy(t => t.Index));
    }

    [Fact]
    public void Hyperband_deals_trials_to_brackets_that_start_at_different_rungs()
    {
        var journal = new List<object>();
        var state = Submitted(Spec("hyperband"), journal);
        var first = Dispatch(state, "w", 9, journal);
        // Rungs 1, 3, 9: bracket 2 starts at 1 epoch, bracket 1 at 3, bracket 0 runs its trials to 9 at once.
        Assert.Equal([1L, 3L, 9L], first.Select(a => a.StopAtStep!.Value).Distinct().Order());
        Assert.All(first.Where(a => a.StopAtStep == 9), a => Assert.False(a.MayContinue));
        while (!state.Progress().Single().State.IsOver())
        {
            Report(state, "w", first, journal);
            first = Dispatch(state, "w", 9, journal);
        }
        var progress = state.Progress().Single();
        Assert.Equal(9, progress.Completed + progress.Pruned);
        Assert.True(progress.Pruned > 0);
    }

    [Fact]
    public void A_failed_run_to_a_rung_fails_the_trial_and_a_short_synchronous_rung_is_judged_once_nothing_else_can_come()
    {
        var journal = new List<object>();
        var state = Submitted(Spec("sha"), journal);
        var bottom = Dispatch(state, "w", 9, journal);
        Journal(state, state.DecideOutcomes("w", [new TrialOutcome("halving", bottom[1].Index, 1, false, new Dictionary<string, double>(), null, "boom", Now, Now)]).Events, journal);
        Report(state, "w", bottom.Where(a => a.Index != bottom[1].Index), journal);
        // Eight of nine reached rung 0 and nothing more can: judged as it is, keeping ⌊9/3⌋ = 3 (0.2, 0.3, 0.4).
        Assert.Equal([3L, 5L, 7L], Promoted(journal, 0).Order());
        Assert.Equal(1, state.Progress().Single().Failed);
    }

    private static CoordinatorState Recover(IEnumerable<object> journal)
    {
        var state = new CoordinatorState(Jobs, new CoordinatorOptions());
        foreach (var e in journal) state.Apply(e);
        state.RequeueAllRunning();
        return state;
    }

    private static List<string> Describe(IEnumerable<object> events) => events.Select(e => e switch
    {
        TrialsPromoted p => "promoted " + string.Join(",", p.Trials.Select(t => $"{t.Index}:{t.FromRung}->{t.ToRung}@{t.Attempt}")),
        TrialsPruned p => "pruned " + string.Join(",", p.Trials.Select(t => $"{t.Outcome.Index}@{t.Rung}:{t.Reason}")),
        _ => e.GetType().Name,
    }).ToList();
}
