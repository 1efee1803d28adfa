using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary><c>sweeps retry --pruned</c> on a successive-halving sweep: each pruned trial runs to its end, judged no more.</summary>
public sealed class RetryPrunedTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JobRegistry Jobs = new JobRegistry().Register(SchedulerSweepTests.Stepping);

    private static TrialOutcome Ran(TrialAssignment a) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["loss"] = a.Parameters.GetReal("x") }, null, null, Now, Now);

    private static List<object> Apply(CoordinatorState state, IEnumerable<object> events)
    {
        var list = events.ToList();
        foreach (var e in list) state.Apply(e);
        return list;
    }

    private static List<TrialAssignment> Dispatch(CoordinatorState state, int count) =>
        Apply(state, state.DecideDispatch("w", count, Now)).OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();

    private static void Report(CoordinatorState state, IEnumerable<TrialAssignment> trials)
    {
        foreach (var trial in trials)
        {
            Apply(state, state.DecideOutcomes("w", [Ran(trial)]).Events);
            Apply(state, state.DecideSchedule(Now));
        }
    }

    [Fact]
    public void Pruned_trials_retried_run_to_their_end_and_finish_as_completed()
    {
        var state = new CoordinatorState(Jobs, new CoordinatorOptions());
        Apply(state, [state.DecideSubmit(SchedulerSweepTests.Spec("sha"), Now).Event!]);
        while (!state.Progress().Single().State.IsOver()) Report(state, Dispatch(state, 9));
        Assert.Equal((1L, 8L), (state.Progress().Single().Completed, state.Progress().Single().Pruned));

        var retry = state.DecideRetry("halving", failed: false, pruned: true, Now);
        Assert.Equal("sweep 'halving': 8 pruned trials will run again as new attempts", retry.Message);
        Apply(state, retry.Events);
        var again = Dispatch(state, 9);
        Assert.Equal([0L, 2, 3, 4, 5, 6, 7, 8], again.Select(a => a.Index));
        // to the end: no rung to stop at, nothing to keep a checkpoint for; one attempt after the one that was pruned
        Assert.All(again, a => Assert.Equal((null, false), (a.StopAtStep, a.MayContinue)));
        Assert.Equal(2, again.Single(a => a.Index == 0).Attempt); // pruned at rung 0 as attempt 1
        Assert.Equal(3, again.Single(a => a.Index == 3).Attempt); // pruned at rung 1 as attempt 2

        Report(state, again);
        var progress = state.Progress().Single();
        Assert.Equal((SweepState.Finished, 9L, 0L), (progress.State, progress.Completed, progress.Pruned));
    }
}
