using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>Pausing or cancelling a sweep stops its running trials: which workers are told what, without an ActorSystem.</summary>
public sealed class TrialStopsTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc);

    private static CoordinatorState WithSweeps(params (string Name, int Trials)[] sweeps)
    {
        var state = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        foreach (var (name, trials) in sweeps) Apply(state, [state.DecideSubmit(Specs.Noop(name, trials), Now).Event!]);
        return state;
    }

    private static void Apply(CoordinatorState state, IEnumerable<object> events)
    {
        foreach (var e in events) state.Apply(e);
    }

    private static List<TrialAssignment> Dispatch(CoordinatorState state, string worker, int count)
    {
        var events = state.DecideDispatch(worker, count, Now);
        Apply(state, events);
        return events.OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();
    }

    private static void Change(CoordinatorState state, string sweep, SweepState to) =>
        Apply(state, [state.DecideStateChange(sweep, to, Now).Event!]);

    private static ReturnedTrial Returned(TrialAssignment a) => new(a.Sweep, a.Index, a.Attempt);

    [Theory]
    [InlineData(SweepState.Paused)]
    [InlineData(SweepState.Cancelled)]
    public void Pausing_or_cancelling_tells_each_worker_to_stop_just_the_trials_of_that_sweep_it_holds(SweepState to)
    {
        var state = WithSweeps(("a", 6), ("b", 6));
        var w1 = Dispatch(state, "w1", 4); // a 0-3
        var w2 = Dispatch(state, "w2", 10); // round robin: b 0-5, then a 4-5
        Assert.Contains(w2, t => t.Sweep == "a");
        Assert.Empty(state.DecideStops("a"));

        Change(state, "a", to);
        var stops = state.DecideStops("a");

        Assert.Equal(["w1", "w2"], stops.Select(s => s.Worker));
        Assert.All(stops, s => Assert.Equal(("a", to), (s.Stop.Sweep, s.Stop.Because)));
        Assert.Equal(w1.Where(t => t.Sweep == "a").Select(t => t.Index), stops[0].Stop.Indexes);
        Assert.Equal(w2.Where(t => t.Sweep == "a").Select(t => t.Index), stops[1].Stop.Indexes);
        Assert.Empty(state.DecideStops("b"));
    }

    [Fact]
    public void Nothing_is_stopped_for_a_running_sweep_one_with_nothing_running_or_an_unknown_one()
    {
        var state = WithSweeps(("a", 3));
        Dispatch(state, "w1", 3);
        Assert.Empty(state.DecideStops("a"));
        Assert.Empty(state.DecideStops("nope"));

        var idle = WithSweeps(("a", 3));
        Change(idle, "a", SweepState.Paused);
        Assert.Empty(idle.DecideStops("a"));
    }

    [Fact]
    public void A_worker_holding_many_trials_is_told_in_messages_each_within_the_bound()
    {
        var state = WithSweeps(("a", StopTrials.MaxTrials * 2 + 5));
        Dispatch(state, "w1", StopTrials.MaxTrials * 2 + 5);
        Change(state, "a", SweepState.Cancelled);

        var stops = state.DecideStops("a");

        Assert.Equal(3, stops.Count);
        Assert.All(stops, s => Assert.Null(s.Stop.Problem()));
        Assert.Equal(Enumerable.Range(0, StopTrials.MaxTrials * 2 + 5).Select(i => (long)i), stops.SelectMany(s => s.Stop.Indexes));
    }

    [Fact]
    public void A_heartbeat_that_still_names_trials_of_a_paused_or_cancelled_sweep_is_answered_with_a_stop_for_them_only()
    {
        var state = WithSweeps(("a", 4), ("b", 4), ("c", 4));
        var held = Dispatch(state, "w1", 12);
        Change(state, "a", SweepState.Paused);
        Change(state, "c", SweepState.Cancelled);

        var stops = state.DecideStops(held.Select(t => t.Key).Append(new TrialKey("unknown", 1)));

        Assert.Equal([("a", SweepState.Paused), ("c", SweepState.Cancelled)], stops.Select(s => (s.Sweep, s.Because)));
        Assert.Equal([0L, 1, 2, 3], stops[0].Indexes);
        Assert.Empty(state.DecideStops(held.Where(t => t.Sweep == "b").Select(t => t.Key)));
    }

    [Fact]
    public void A_paused_sweep_s_stopped_trials_wait_and_run_again_as_new_attempts_on_resume_each_finished_once()
    {
        var state = WithSweeps(("a", 3));
        var first = Dispatch(state, "w1", 3);
        Change(state, "a", SweepState.Paused);

        var back = state.DecideReturned("w1", first.Select(Returned).ToList());
        var requeued = Assert.IsType<TrialsRequeued>(Assert.Single(back.Events));
        Assert.Equal("sweep paused: stopped on w1", requeued.Reason);
        Apply(state, back.Events);
        Assert.Equal((0, 0L), (state.Progress().Single().Running, state.Progress().Single().Done));
        Assert.Empty(state.DecideDispatch("w1", 3, Now));

        Change(state, "a", SweepState.Running);
        var again = Dispatch(state, "w2", 3);
        Assert.Equal([(0L, 2), (1L, 2), (2L, 2)], again.Select(t => (t.Index, t.Attempt)));
        // the stopped attempts' results, arriving late, do not count; the new attempts' do, once
        Assert.Empty(state.DecideOutcomes("w1", first.Select(Success).ToList()).Events);
        Apply(state, state.DecideOutcomes("w2", again.Select(Success).ToList()).Events);
        Assert.Equal((3L, SweepState.Finished), (state.Progress().Single().Completed, state.Progress().Single().State));
    }

    [Fact]
    public void A_cancelled_sweep_s_stopped_trials_are_taken_back_and_never_handed_out_again()
    {
        var state = WithSweeps(("a", 3));
        var first = Dispatch(state, "w1", 3);
        Change(state, "a", SweepState.Cancelled);

        var back = state.DecideReturned("w1", first.Select(Returned).ToList());
        Assert.Equal("sweep cancelled: stopped on w1", Assert.IsType<TrialsRequeued>(Assert.Single(back.Events)).Reason);
        Apply(state, back.Events);

        Assert.Empty(state.DecideDispatch("w1", 3, Now));
        Assert.Empty(state.DecideStops("a"));
        Assert.Equal((SweepState.Cancelled, 0, 0L), (state.Progress().Single().State, state.Progress().Single().Running, state.Progress().Single().Done));
    }

    [Fact]
    public void Only_the_holder_can_hand_back_a_stopped_trial()
    {
        var state = WithSweeps(("a", 2));
        var first = Dispatch(state, "w1", 2);
        Change(state, "a", SweepState.Paused);

        var forged = state.DecideReturned("w2", first.Select(Returned).ToList());

        Assert.Empty(forged.Events);
        Assert.All(forged.Refused, r => Assert.True(r.HeldByAnother));
        Assert.Equal(["w1"], state.DecideStops("a").Select(s => s.Worker));
    }

    [Theory]
    [InlineData("", 1, SweepState.Paused, "the sweep name is empty")]
    [InlineData("a", StopTrials.MaxTrials + 1, SweepState.Paused, "at most 1000 are allowed")]
    [InlineData("a", 1, SweepState.Running, "paused or cancelled, not running")]
    [InlineData("a", 1, (SweepState)77, "not state 77")]
    public void A_stop_out_of_bounds_says_what_is_wrong(string sweep, int trials, SweepState because, string problem)
    {
        var stop = new StopTrials(sweep, Enumerable.Range(0, trials).Select(i => (long)i).ToList(), because);
        Assert.Contains(problem, stop.Problem());
        Assert.Null(new StopTrials("a", [1, 2], SweepState.Cancelled).Problem());
    }

    private static TrialOutcome Success(TrialAssignment a) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["value"] = 1 }, null, null, Now, Now);
}
