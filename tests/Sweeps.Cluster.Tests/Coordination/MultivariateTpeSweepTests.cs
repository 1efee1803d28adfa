using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Search.Functions;
using Sweeps.Search.Tpe;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary><c>tpe: {multivariate: true}</c> reaches the coordinator's sampler through the journaled canonical text.</summary>
public sealed class MultivariateTpeSweepTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JobRegistry Jobs = new JobRegistry().Register(FunctionJob.Definition);
    private static readonly TestFunction Branin = TestFunction.Find("branin")!;

    private static SweepSpec Spec(string tpe) => SpecLoader.Parse($"""
        name: tpe-branin
        job: bench.function
        sampler: tpe
        batch: 1
        {tpe}
        trials: 24
        seed: 11
        parameters:
          function: branin
          x1: {"{"}min: -5, max: 10{"}"}
          x2: {"{"}min: 0, max: 15{"}"}
        objective: {"{"}metric: value, goal: minimize{"}"}
        """, "tpe.yaml", Jobs).Single();

    [Fact]
    public void A_multivariate_sweep_runs_the_trials_multivariate_TPE_suggests_one_by_one()
    {
        var spec = Spec("tpe: {multivariate: true}");
        var ran = Run(spec);

        var expected = new TpeSampler(spec.Parameters, ObjectiveGoal.Minimize, spec.Seed, 24, TpeSettings.OptunaMultivariate);
        var univariate = new TpeSampler(spec.Parameters, ObjectiveGoal.Minimize, spec.Seed, 24);
        var history = new List<(TrialParameters Parameters, double Value)>();
        for (var i = 0; i < 24; i++)
        {
            Assert.Equal(expected.Suggest(i, history), ran[i]);
            if (i >= 10) Assert.NotEqual(univariate.Suggest(i, history), ran[i]);
            history.Add((ran[i], Value(ran[i])));
        }
        Assert.NotEqual(Run(Spec("")).Values.Skip(10), ran.Values.Skip(10));
    }

    /// <summary>One worker, one trial at a time (batch: 1): trial i is suggested from trials 0 to i − 1.</summary>
    private static SortedDictionary<long, TrialParameters> Run(SweepSpec spec)
    {
        var state = new CoordinatorState(Jobs, new CoordinatorOptions());
        state.WorkerJoined("w0", [FunctionJob.Definition.Kind], new Dictionary<string, string>(), 1);
        state.Apply(state.DecideSubmit(SpecText.ToCanonicalYaml(spec), Now).Event!);
        var ran = new SortedDictionary<long, TrialParameters>();
        while (!state.Progress().Single().State.IsOver())
        {
            var events = state.DecideDispatch("w0", 1, Now);
            foreach (var e in events) state.Apply(e);
            var trials = events.OfType<Events.TrialsDispatched>().SelectMany(state.Assignments).ToList();
            Assert.Single(trials);
            foreach (var t in trials) ran.Add(t.Index, t.Parameters);
            var outcomes = trials.Select(a => new TrialOutcome(a.Sweep, a.Index, a.Attempt, true,
                new Dictionary<string, double> { ["value"] = Value(a.Parameters) }, null, null, Now, Now)).ToList();
            foreach (var e in state.DecideOutcomes("w0", outcomes).Events) state.Apply(e);
        }
        return ran;
    }

    private static double Value(TrialParameters p) => Branin.Evaluate([p.GetReal("x1"), p.GetReal("x2")]);
}
