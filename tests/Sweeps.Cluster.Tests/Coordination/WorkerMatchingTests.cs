using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>Which worker is given which sweep's trials (job kinds, labels, refusals), and why a sweep waits; no ActorSystem.</summary>
public sealed class WorkerMatchingTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    private static readonly JobRegistry Jobs = new JobRegistry()
        .Register(NoopJob.Definition)
        .Register(NoopJob.Definition with { Kind = "command" })
        .Register(NoopJob.Definition with { Kind = "plugin.thing" });

    private static readonly Dictionary<string, string> NoLabels = new();

    private static string Spec(string job = "noop", string requires = "", int trials = 4, string name = "s") =>
        SpecText.ToCanonicalYaml(SpecLoader.Parse($"""
            name: {name}
            job: {job}
            sampler: random
            trials: {trials}
            {requires}
            parameters:
              sleep_ms: 0
            """, "test.yaml", Jobs).Single());

    private static CoordinatorState With(params string[] specs)
    {
        var state = new CoordinatorState(Jobs, new CoordinatorOptions());
        foreach (var spec in specs) state.Apply(state.DecideSubmit(spec, Now).Event!);
        return state;
    }

    private static Dictionary<string, string> Labels(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).ToDictionary(l => l[0].Trim(), l => l[1].Trim());

    private static List<TrialAssignment> Dispatch(CoordinatorState state, string worker, int count = 100)
    {
        var events = state.DecideDispatch(worker, count, Now);
        foreach (var e in events) state.Apply(e);
        return events.OfType<TrialsDispatched>().SelectMany(state.Assignments).ToList();
    }

    private static void Apply(CoordinatorState state, IEnumerable<object> events)
    {
        foreach (var e in events) state.Apply(e);
    }

    [Theory]
    [InlineData("noop", "", "noop", "", true)]
    [InlineData("noop", "", "noop", "gpu=a100", true)]
    [InlineData("command", "", "noop", "", false)]
    [InlineData("plugin.thing", "", "noop,plugin.thing", "", true)]
    [InlineData("noop", "requires: {gpu: a100}", "noop", "gpu=a100", true)]
    [InlineData("noop", "requires: {gpu: a100}", "noop", "gpu=a100,zone=b", true)]
    [InlineData("noop", "requires: {gpu: a100}", "noop", "gpu=v100", false)]
    [InlineData("noop", "requires: {gpu: a100}", "noop", "", false)]
    [InlineData("noop", "requires: {gpu: a100, zone: b}", "noop", "gpu=a100", false)]
    [InlineData("noop", "requires: {cores: 8}", "noop", "cores=8", true)]
    [InlineData("command", "requires: {gpu: a100}", "noop", "gpu=a100", false)]
    public void A_worker_is_given_a_sweep_s_trials_only_when_it_runs_its_kind_and_carries_the_labels_it_requires(
        string job, string requires, string workerJobs, string workerLabels, bool given)
    {
        var state = With(Spec(job, requires));
        state.WorkerJoined("w", workerJobs.Split(','), Labels(workerLabels));
        Assert.Equal(given ? 4 : 0, Dispatch(state, "w").Count);
    }

    [Fact]
    public void A_worker_that_fits_one_sweep_and_not_another_is_given_only_the_one_it_fits()
    {
        var state = With(Spec("noop", "requires: {gpu: a100}", name: "gpu-sweep"), Spec("noop", name: "any-sweep"), Spec("command", name: "cmd-sweep"));
        state.WorkerJoined("cpu", ["noop"], NoLabels);
        state.WorkerJoined("gpu", ["noop", "command"], Labels("gpu=a100"));

        Assert.All(Dispatch(state, "cpu"), a => Assert.Equal("any-sweep", a.Sweep));
        Assert.Equal(["cmd-sweep", "gpu-sweep"], Dispatch(state, "gpu").Select(a => a.Sweep).Distinct().Order());
    }

    [Fact]
    public void A_refused_trial_runs_again_as_a_new_attempt_not_counted_as_a_loss_and_the_worker_gets_no_more_of_that_sweep()
    {
        var state = With(Spec(trials: 3), Spec(name: "other", trials: 2));
        state.WorkerJoined("w1", ["noop"], NoLabels);
        state.WorkerJoined("w2", ["noop"], NoLabels);
        var held = Dispatch(state, "w1", 1).Single();

        var decision = state.DecideRefused("w1", [new RefusedTrial(held.Sweep, held.Index, held.Attempt, "program 'train.sh' is\nnot here")], Now);
        var refused = Assert.IsType<TrialsRefused>(Assert.Single(decision.Events));
        Assert.Equal(("w1", "program 'train.sh' is not here"), (refused.Worker, refused.Reason));
        Assert.Equal(new RequeuedTrial(held.Index, held.Attempt + 1, 0), Assert.Single(refused.Trials));
        Apply(state, decision.Events);
        var progress = state.Progress().Single(p => p.Name == held.Sweep);
        Assert.Equal((0L, 0L, 0L), (progress.Failed, progress.Completed, progress.Running));

        Assert.DoesNotContain(Dispatch(state, "w1"), a => a.Sweep == held.Sweep);
        var elsewhere = Dispatch(state, "w2");
        Assert.Contains(elsewhere, a => a.Sweep == held.Sweep && a.Index == held.Index && a.Attempt == held.Attempt + 1);
    }

    [Fact]
    public void Only_the_worker_holding_an_attempt_may_refuse_it_and_a_late_refusal_is_ignored()
    {
        var state = With(Spec(trials: 2));
        var held = Dispatch(state, "w1", 1).Single();
        var trial = new RefusedTrial(held.Sweep, held.Index, held.Attempt, "missing");

        var forged = state.DecideRefused("w2", [trial], Now);
        Assert.Empty(forged.Events);
        Assert.True(Assert.Single(forged.Refused).HeldByAnother);
        Assert.Empty(state.DecideRefused("w1", [trial with { Attempt = 5 }], Now).Events);
        Assert.Empty(state.DecideRefused("w1", [trial with { Sweep = "nope" }], Now).Events);

        Apply(state, state.DecideRefused("w1", [trial], Now).Events);
        Assert.Empty(state.DecideRefused("w1", [trial], Now).Events); // a repeat: the trial is no longer running
    }

    [Fact]
    public void A_refusal_is_forgotten_when_the_worker_leaves_or_says_hello_again()
    {
        var state = With(Spec(trials: 4));
        state.WorkerJoined("w1", ["noop"], NoLabels);
        var held = Dispatch(state, "w1", 1).Single();
        Apply(state, state.DecideRefused("w1", [new RefusedTrial(held.Sweep, held.Index, held.Attempt, "missing")], Now).Events);
        Assert.Empty(Dispatch(state, "w1"));

        state.WorkerJoined("w1", ["noop"], NoLabels); // a new process of the same name: it may have what it lacked
        Assert.NotEmpty(Dispatch(state, "w1", 1));
    }

    [Fact]
    public void A_sweep_no_connected_worker_can_run_waits_and_says_what_is_missing_and_stops_waiting_when_one_comes()
    {
        var state = With(Spec("command", name: "cmd"), Spec("noop", "requires: {gpu: a100}", name: "gpu"), Spec("plugin.thing", name: "plug"), Spec(name: "fine"));
        Assert.Empty(state.DecideWaiting(Now)); // nobody connected yet: not news

        state.WorkerJoined("w1", ["noop"], Labels("zone=b"));
        var waiting = state.DecideWaiting(Now).ToDictionary(w => w.Sweep, w => w.Reason);
        Assert.Equal(["cmd", "gpu", "plug"], waiting.Keys.Order());
        Assert.Contains("worker w1 does not run job kind 'command'", waiting["cmd"]);
        Assert.Contains("--allow-commands", waiting["cmd"]);
        Assert.Contains("worker w1 lacks gpu=a100 (it has zone=b)", waiting["gpu"]);
        Assert.Contains("--label gpu=a100", waiting["gpu"]);
        Assert.Contains("--jobs", waiting["plug"]);
        Apply(state, state.DecideWaiting(Now));
        Assert.Empty(state.DecideWaiting(Now)); // journaled once, not again while nothing changes
        Assert.Contains(state.Progress(), p => p.Name == "gpu" && p.Waiting!.Contains("gpu=a100"));

        state.WorkerJoined("w2", ["noop"], Labels("gpu=a100"));
        var changed = state.DecideWaiting(Now);
        Assert.Equal(new SweepWaiting("gpu", null, Now), Assert.Single(changed, w => w.Reason is null));
        Assert.All(changed.Where(w => w.Sweep != "gpu"), w => Assert.Contains("worker w2 does not run job kind", w.Reason)); // the reason names every worker
    }

    [Fact]
    public void When_every_connected_worker_that_could_run_a_sweep_refused_it_the_sweep_waits_with_their_reasons_and_does_not_fail()
    {
        var state = With(Spec(trials: 2));
        state.WorkerJoined("w1", ["noop"], NoLabels);
        var held = Dispatch(state, "w1", 1).Single();
        Apply(state, state.DecideRefused("w1", [new RefusedTrial(held.Sweep, held.Index, held.Attempt, "python3 is not installed")], Now).Events);

        var waiting = Assert.Single(state.DecideWaiting(Now));
        Assert.Equal("no connected worker can run it: worker w1 refused it: python3 is not installed", waiting.Reason);
        Apply(state, [waiting]);
        Assert.Equal(Core.Lifecycle.SweepState.Running, state.Progress().Single().State);

        state.WorkerLeft("w1");
        Assert.Empty(state.DecideWaiting(Now)); // nobody left to ask: the last reason stands
        Assert.Equal(waiting.Reason, state.Snapshot().Sweeps.Single().Waiting);
    }

    [Fact]
    public void The_waiting_reason_survives_a_snapshot_so_a_restarted_coordinator_can_clear_it()
    {
        var state = With(Spec("command", name: "cmd"));
        state.WorkerJoined("w1", ["noop"], NoLabels);
        Apply(state, state.DecideWaiting(Now));

        var restored = new CoordinatorState(Jobs, new CoordinatorOptions());
        restored.Restore(state.Snapshot());
        Assert.False(restored.Knows("w1"));
        restored.WorkerJoined("w2", ["noop", "command"], NoLabels);
        Assert.Equal(new SweepWaiting("cmd", null, Now), Assert.Single(restored.DecideWaiting(Now)));
    }
}
