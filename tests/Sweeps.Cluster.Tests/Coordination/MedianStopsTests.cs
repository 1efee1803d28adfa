using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>
/// The median rule in the coordinator: a running trial whose best value so far is worse than the finished trials' median
/// at the step it reports is pruned (journaled with the metrics it reported), and its worker is told, and told again, to stop it.
/// </summary>
public sealed class MedianStopsTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JobRegistry Jobs = new JobRegistry().Register(SchedulerSweepTests.Stepping);

    private static CoordinatorState Submitted(int startupTrials = 2, long warmup = 2)
    {
        var state = new CoordinatorState(Jobs, new CoordinatorOptions());
        var spec = SpecText.ToCanonicalYaml(SpecLoader.Parse($$"""
            name: median
            job: test.steps
            sampler: grid
            parameters:
              x: [1, 2, 3, 4, 5]
            objective: {metric: loss, goal: minimize}
            scheduler: {kind: median, min_resource: {{warmup}}, startup_trials: {{startupTrials}}}
            """, "median.yaml", Jobs).Single());
        state.Apply(state.DecideSubmit(spec, Now).Event!);
        foreach (var e in state.DecideDispatch("w", 5, Now)) state.Apply(e);
        return state;
    }

    /// <summary>Trial <paramref name="index"/> finishes with this curve of losses, one an epoch.</summary>
    private static void Finish(CoordinatorState state, long index, params double[] curve)
    {
        var outcome = new TrialOutcome("median", index, 1, true, new Dictionary<string, double> { ["loss"] = curve[^1] },
            new Dictionary<string, double[]> { ["loss"] = curve }, null, Now, Now);
        foreach (var e in state.DecideOutcomes("w", [outcome]).Events) state.Apply(e);
    }

    private static IReadOnlyList<object> Reported(CoordinatorState state, long index, long step, double loss)
    {
        var report = new TrialReport("median", index, 0.5, step, new Dictionary<string, double> { ["loss"] = loss });
        state.RenewLeases("w", [new TrialKey("median", index)], Now, [report]);
        return state.DecideMedianStops("w", [report], Now);
    }

    [Fact]
    public void A_trial_worse_than_the_median_of_the_finished_trials_at_its_step_is_pruned_after_the_warm_up()
    {
        var state = Submitted();
        Finish(state, 0, 0.9, 0.5, 0.3);
        Assert.Empty(Reported(state, 2, 2, 10)); // one finished trial: fewer than startup_trials
        Finish(state, 1, 0.8, 0.7, 0.6);

        Assert.Empty(Reported(state, 3, 1, 10)); // step 1 is inside the warm-up (min_resource: 2)
        Assert.Empty(Reported(state, 2, 2, 0.55)); // median at epoch 2 of 0.5 and 0.7 is 0.6: 0.55 is better
        var events = Reported(state, 3, 2, 0.65);
        var pruned = Assert.Single(events.OfType<TrialsPruned>()).Trials.Single();
        Assert.Equal((3L, 2L, (int?)null), (pruned.Outcome.Index, pruned.Step, pruned.Rung));
        Assert.Equal(0.65, pruned.Outcome.Metrics["loss"]);
        Assert.Contains("median rule at epoch 2", pruned.Outcome.Details!["pruned"]);

        foreach (var e in events) state.Apply(e);
        var stop = Assert.Single(CoordinatorState.StopsFor(events));
        Assert.Equal(("median", SweepState.Cancelled), (stop.Sweep, stop.Because));
        Assert.Equal([3L], stop.Indexes);
        // The worker's next heartbeat still names it: it is told again; the trial still running is not.
        var again = Assert.Single(state.DecideStops([new TrialKey("median", 3), new TrialKey("median", 2)]));
        Assert.Equal([3L], again.Indexes);
        // Its late result counts no more.
        Assert.Empty(state.DecideOutcomes("w", [new TrialOutcome("median", 3, 1, true, new Dictionary<string, double>(), null, null, Now, Now)]).Events);
        Assert.Equal(1, state.Progress().Single().Pruned);

        // Run again by a person, it runs to its end: the median rule judges it no more.
        var retry = state.DecideRetry("median", failed: false, pruned: true, Now);
        foreach (var e in retry.Events) state.Apply(e);
        foreach (var e in state.DecideDispatch("w", 5, Now)) state.Apply(e);
        Assert.Empty(Reported(state, 3, 2, 0.95));
    }

    [Fact]
    public void The_best_value_so_far_counts_so_a_trial_that_was_good_earlier_is_not_stopped_by_one_bad_epoch()
    {
        var state = Submitted(warmup: 1);
        Finish(state, 0, 0.9, 0.5, 0.3);
        Finish(state, 1, 0.8, 0.7, 0.6);
        Assert.Empty(Reported(state, 2, 1, 0.1));
        Assert.Empty(Reported(state, 2, 2, 5.0)); // best so far 0.1 against a median of 0.6
        Assert.Single(Reported(state, 4, 2, 5.0).OfType<TrialsPruned>());
    }

    [Fact]
    public void The_last_trial_pruned_finishes_the_sweep()
    {
        var state = Submitted(startupTrials: 1, warmup: 1);
        for (var i = 0; i < 4; i++) Finish(state, i, 0.5);
        var events = Reported(state, 4, 1, 0.9);
        Assert.Contains(events, e => e is SweepStateChanged { State: SweepState.Finished });
        foreach (var e in events) state.Apply(e);
        Assert.Equal((4L, 1L, SweepState.Finished), (state.Progress().Single().Completed, state.Progress().Single().Pruned, state.Progress().Single().State));
    }
}
