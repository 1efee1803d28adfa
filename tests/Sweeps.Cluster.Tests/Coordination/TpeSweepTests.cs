using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Search.Functions;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary><c>sampler: tpe</c> in the coordinator: suggestions journaled, replayed on recovery, reproducible in batches.</summary>
public sealed class TpeSweepTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JobRegistry Jobs = new JobRegistry().Register(FunctionJob.Definition);
    private static readonly TestFunction Branin = TestFunction.Find("branin")!;

    private static SweepSpec Spec(int trials = 40, string batch = "") => SpecLoader.Parse($"""
        name: tpe-branin
        job: bench.function
        sampler: tpe
        {batch}
        trials: {trials}
        seed: 11
        parameters:
          function: branin
          x1: {"{"}min: -5, max: 10{"}"}
          x2: {"{"}min: 0, max: 15{"}"}
        objective: {"{"}metric: value, goal: minimize{"}"}
        """, "tpe.yaml", Jobs).Single();

    private static CoordinatorState Submitted(SweepSpec spec, List<object>? journal = null, int slots = 3)
    {
        var state = WithWorkers(new CoordinatorState(Jobs, new CoordinatorOptions()), slots);
        Journal(state, [state.DecideSubmit(SpecText.ToCanonicalYaml(spec), Now).Event!], journal);
        return state;
    }

    /// <summary>Workers w0 to w3, each running <paramref name="slots"/> trials at once (a coordinator learns them from hellos, not the journal).</summary>
    private static CoordinatorState WithWorkers(CoordinatorState state, int slots)
    {
        for (var w = 0; w < 4; w++) state.WorkerJoined($"w{w}", [FunctionJob.Definition.Kind], new Dictionary<string, string>(), slots);
        return state;
    }

    private static void Journal(CoordinatorState state, IEnumerable<object> events, List<object>? journal)
    {
        foreach (var e in events.ToList())
        {
            state.Apply(e);
            journal?.Add(e);
        }
    }

    private static List<TrialAssignment> Dispatch(CoordinatorState state, string worker, int count, List<object>? journal = null)
    {
        var events = state.DecideDispatch(worker, count, Now);
        Journal(state, events, journal);
        return events.OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();
    }

    private static void Finish(CoordinatorState state, string worker, IEnumerable<TrialAssignment> trials, List<object>? journal = null) =>
        Journal(state, state.DecideOutcomes(worker, trials.Select(Evaluate).ToList()).Events, journal);

    private static TrialOutcome Evaluate(TrialAssignment a) =>
        new(a.Sweep, a.Index, a.Attempt, true, new Dictionary<string, double> { ["value"] = Value(a.Parameters) }, null, null, Now, Now);

    private static double Value(TrialParameters p) => Branin.Evaluate([p.GetReal("x1"), p.GetReal("x2")]);

    /// <summary>Runs the sweep to the end with <paramref name="workers"/> workers, each asking for up to <paramref name="slots"/> trials, results back in reverse order.</summary>
    private static SortedDictionary<long, TrialParameters> RunToTheEnd(SweepSpec spec, int workers, int slots)
    {
        var state = Submitted(spec, slots: slots);
        var seen = new SortedDictionary<long, TrialParameters>();
        while (!state.Progress().Single().State.IsOver())
        {
            var held = Enumerable.Range(0, workers).Select(w => (Worker: $"w{w}", Trials: Dispatch(state, $"w{w}", slots))).ToList();
            Assert.Contains(held, h => h.Trials.Count > 0);
            foreach (var (worker, trials) in Enumerable.Reverse(held))
            {
                foreach (var t in trials) seen.Add(t.Index, t.Parameters);
                Finish(state, worker, Enumerable.Reverse(trials));
            }
        }
        return seen;
    }

    [Fact]
    public void A_batched_sweep_gives_the_same_trials_with_one_worker_or_three_and_any_result_order()
    {
        var spec = Spec(trials: 40, batch: "batch: 4");

        var alone = RunToTheEnd(spec, workers: 1, slots: 1);
        var three = RunToTheEnd(spec, workers: 3, slots: 3);

        Assert.Equal(40, alone.Count);
        Assert.Equal(alone.Keys, three.Keys);
        foreach (var (index, point) in alone) Assert.Equal(point, three[index]);
    }

    [Fact]
    public void The_next_batch_waits_until_every_trial_of_the_one_before_has_finished()
    {
        var state = Submitted(Spec(trials: 20, batch: "batch: 5"));
        var first = Dispatch(state, "w1", 3);
        var rest = Dispatch(state, "w2", 10);

        Assert.Equal([0L, 1, 2], first.Select(t => t.Index));
        Assert.Equal([3L, 4], rest.Select(t => t.Index));
        Finish(state, "w1", first);
        Assert.Empty(state.DecideDispatch("w1", 10, Now));

        Finish(state, "w2", rest);
        Assert.Equal([5L, 6, 7, 8, 9], Dispatch(state, "w1", 10).Select(t => t.Index));
    }

    [Fact]
    public void Recovery_from_the_journal_or_a_snapshot_hands_out_exactly_the_points_that_were_suggested()
    {
        var journal = new List<object>();
        var state = Submitted(Spec(trials: 30), journal);
        for (var round = 0; round < 6; round++) Finish(state, "w1", Dispatch(state, "w1", 3, journal), journal);
        var running = Dispatch(state, "w1", 3, journal); // suggested and running when the coordinator stops

        var replayed = WithWorkers(new CoordinatorState(Jobs, new CoordinatorOptions()), slots: 3);
        foreach (var e in journal) replayed.Apply(e);
        var fromSnapshot = WithWorkers(new CoordinatorState(new JobRegistry(), new CoordinatorOptions()), slots: 3);
        fromSnapshot.Restore(state.Snapshot());

        // the lost trials run again with their journaled points; new ones are suggested from the same history
        var lost = state.DecideWorkerLost("w1", "the coordinator restarted");
        foreach (var recovered in new[] { replayed, fromSnapshot })
        {
            Journal(recovered, recovered.DecideWorkerLost("w1", "the coordinator restarted"), null);
            var again = Dispatch(recovered, "w2", 3);
            Assert.Equal(running.Select(t => (t.Index, t.Parameters)), again.Select(t => (t.Index, t.Parameters)));
        }
        Journal(state, lost, null);
        Assert.Equal(3, Dispatch(state, "w2", 3).Count);
        var original = Dispatch(state, "w3", 3);
        foreach (var recovered in new[] { replayed, fromSnapshot })
            Assert.Equal(original.Select(t => (t.Index, t.Parameters)), Dispatch(recovered, "w3", 3).Select(t => (t.Index, t.Parameters)));
    }

    [Fact]
    public void Without_batches_a_worker_is_given_no_more_new_trials_than_it_has_slots()
    {
        var state = Submitted(Spec(trials: 40), slots: 2);

        Assert.Equal(2, Dispatch(state, "w1", 50).Count);
        Assert.Empty(state.DecideDispatch("w1", 50, Now));
        Assert.Equal(2, Dispatch(state, "w2", 50).Count);
    }

    [Fact]
    public void After_its_random_start_TPE_samples_where_the_function_is_low()
    {
        var trials = RunToTheEnd(Spec(trials: 60), workers: 2, slots: 2);

        var start = trials.Values.Take(10).Select(Value).Order().ToList();
        var late = trials.Values.Skip(40).Select(Value).Order().ToList();
        Assert.True(late[late.Count / 2] < start[start.Count / 2] / 2,
            $"median of the last 20 trials {late[late.Count / 2]:F3}, of the 10 random ones {start[start.Count / 2]:F3}");
    }

    [Theory]
    [InlineData("sampler: tpe\ntrials: 10\nparameters: {x: {min: 0, max: 1}}", "objective", "is missing: sampler tpe learns")]
    [InlineData("sampler: random\ntrials: 10\nbatch: 4\nparameters: {x: {min: 0, max: 1}}", "batch", "is only used by sampler tpe")]
    [InlineData("sampler: tpe\ntrials: 10\nbatch: 0\nobjective: {metric: value, goal: minimize}\nparameters: {x: {min: 0, max: 1}}", "batch", "must be a whole number from 1")]
    [InlineData("sampler: tpe\ntrials: 10\nreplicates: 3\nobjective: {metric: value, goal: minimize}\nparameters: {x: {min: 0, max: 1}}", "replicates", "must be 1 for sampler tpe")]
    [InlineData("sampler: tpe\nobjective: {metric: value, goal: minimize}\nparameters: {x: {min: 0, max: 1}}", "trials", "is missing")]
    public void A_TPE_spec_without_what_it_needs_is_refused_with_the_reason(string keys, string field, string message)
    {
        var text = $"name: bad\njob: noop-any\n{keys}\n";
        var registry = new JobRegistry().Register(new JobDefinition("noop-any", "takes anything", [], ["value"], () => throw new NotSupportedException()) { TakesAnyParameters = true });

        var error = Assert.ThrowsAny<Exception>(() => SpecLoader.Parse(text, "bad.yaml", registry));
        Assert.Contains(field, error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_failed_trial_run_again_teaches_tpe_its_new_result_in_place_of_the_failure()
    {
        var state = Submitted(Spec(trials: 12));
        var first = Dispatch(state, "w0", 3);
        var failing = first[0];
        Journal(state, state.DecideOutcomes("w0", [new TrialOutcome(failing.Sweep, failing.Index, 1, false, new Dictionary<string, double>(), null, "boom", Now, Now)]).Events, null);
        Finish(state, "w0", first.Skip(1));
        Assert.True(double.IsNaN(state.Snapshot().Sweeps.Single().Observed!.Single(o => o.Index == failing.Index).Value));

        foreach (var e in state.DecideRetry("tpe-branin", failed: true, pruned: false, Now).Events) state.Apply(e);
        var again = Assert.Single(Dispatch(state, "w0", 1));
        Assert.Equal((failing.Index, 2), (again.Index, again.Attempt));
        Finish(state, "w0", [again]);
        var observed = state.Snapshot().Sweeps.Single().Observed!;
        Assert.Equal(3, observed.Count);
        Assert.Equal(Value(again.Parameters), observed.Single(o => o.Index == failing.Index).Value);
    }
}
