using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cluster.Tests.Projections;

/// <summary>The journal's events as the rows one batch of the results projection writes.</summary>
public sealed class TrialRowsTests
{
    private static readonly DateTime At = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private static SweepSubmitted Submitted() => new("noop-sweep", SpecText.ToCanonicalYaml(Specs.Parse(trials: 10)), "f", 10, At);

    private static TrialOutcome Outcome(long index, int attempt, bool succeeded) =>
        new("noop-sweep", index, attempt, succeeded, new Dictionary<string, double> { ["value"] = index }, null,
            succeeded ? null : "boom", At, At.AddSeconds(1));

    [Fact]
    public void A_trial_dispatched_and_finished_in_one_batch_is_one_row_as_it_ended()
    {
        var rows = new TrialRows();
        var batch = new StoreBatch();
        rows.Add(batch, Submitted());
        rows.Add(batch, new TrialsDispatched("noop-sweep", "w1", 0, 3, [], At));
        rows.Add(batch, new TrialsFinished("noop-sweep", "w1", [Outcome(0, 1, true), Outcome(1, 1, false)]));

        Assert.Equal([(0L, TrialStatus.Completed, 1), (1L, TrialStatus.Failed, 1), (2L, TrialStatus.Running, 1)],
            batch.Trials.Select(t => (t.Index, t.Status, t.Attempt)).Order());
        Assert.Equal("noop-sweep", Assert.Single(batch.Sweeps).Name);
    }

    [Fact]
    public void A_trial_run_again_in_one_batch_is_one_row_of_its_latest_attempt()
    {
        var rows = new TrialRows();
        var batch = new StoreBatch();
        rows.Add(batch, Submitted());
        rows.Add(batch, new TrialsDispatched("noop-sweep", "w1", 0, 1, [], At));
        rows.Add(batch, new TrialsRequeued("noop-sweep", [new RequeuedTrial(0, 2, 1)], "worker w1 was lost"));
        rows.Add(batch, new TrialsDispatched("noop-sweep", "w2", 1, 0, [new RetriedTrial(0, 2, 1)], At));

        var row = Assert.Single(batch.Trials);
        Assert.Equal((TrialStatus.Running, 2, "w2"), (row.Status, row.Attempt, row.Worker));
    }

    [Fact]
    public void A_cancelled_sweeps_handed_back_trials_say_they_will_not_run_and_a_paused_ones_that_they_will()
    {
        var rows = new TrialRows();
        var batch = new StoreBatch();
        rows.Add(batch, Submitted());
        rows.Add(batch, new TrialsDispatched("noop-sweep", "w1", 0, 2, [], At));
        rows.Add(batch, new SweepStateChanged("noop-sweep", SweepState.Paused, At));
        rows.Add(batch, new TrialsRequeued("noop-sweep", [new RequeuedTrial(0, 2, 0)], "sweep paused: stopped on w1"));
        rows.Add(batch, new SweepStateChanged("noop-sweep", SweepState.Cancelled, At));
        rows.Add(batch, new TrialsRequeued("noop-sweep", [new RequeuedTrial(1, 2, 0)], "sweep cancelled: stopped on w1"));

        var errors = batch.Trials.OrderBy(t => t.Index).Select(t => t.Error).ToList();
        Assert.Equal(["will run again: sweep paused: stopped on w1", "not run: sweep cancelled: stopped on w1"], errors);
    }

    [Fact]
    public void A_TPE_sweeps_suggested_points_are_pending_rows_and_its_trials_run_with_them()
    {
        var spec = SpecLoader.Parse("""
            name: tpe-noop
            job: noop
            sampler: tpe
            trials: 5
            parameters: {sleep_ms: {min: 0, max: 10}}
            objective: {metric: value, goal: minimize}
            """, "tpe.yaml", Specs.Jobs).Single();
        var point = new Core.Parameters.TrialParameters([new("sleep_ms", Core.Parameters.ParameterValue.Of(7.5))]);
        var rows = new TrialRows();
        var batch = new StoreBatch();
        rows.Add(batch, new SweepSubmitted("tpe-noop", SpecText.ToCanonicalYaml(spec), "f", 5, At));
        rows.Add(batch, new TrialsSuggested("tpe-noop", 0, [point, point], At));
        var pending = batch.Trials.OrderBy(t => t.Index).ToList();
        rows.Add(batch, new TrialsDispatched("tpe-noop", "w1", 0, 1, [], At));

        Assert.Equal([(0L, TrialStatus.Pending, 0), (1L, TrialStatus.Pending, 0)], pending.Select(t => (t.Index, t.Status, t.Attempt)));
        var running = batch.Trials.Single(t => t.Index == 0);
        Assert.Equal((TrialStatus.Running, 7.5), (running.Status, running.Parameters.GetReal("sleep_ms")));
    }

    [Fact]
    public void A_batch_is_weighed_in_the_rows_its_events_write()
    {
        Assert.Equal(4, TrialRows.Weight(new TrialsDispatched("s", "w", 0, 3, [new RetriedTrial(7, 2, 1)], At)));
        Assert.Equal(2, TrialRows.Weight(new TrialsFinished("s", "w", [Outcome(0, 1, true), Outcome(1, 1, true)])));
        Assert.Equal(1, TrialRows.Weight(Submitted()));
        Assert.Equal(1, TrialRows.Weight(new TrialsFinished("s", "w", [])));
    }

    [Fact]
    public void The_sweeps_origin_and_each_trials_host_and_details_go_into_their_rows()
    {
        var rows = new TrialRows();
        var batch = new StoreBatch();
        var origin = new SweepOrigin("1.2.3", "laptop", "ada", "abc", true);
        rows.Add(batch, Submitted() with { Origin = origin });
        rows.Add(batch, new TrialsDispatched("noop-sweep", "w1", 0, 2, [], At));
        rows.Add(batch, new TrialsFinished("noop-sweep", "w1",
            [Outcome(0, 1, true) with { Host = "node-1", Details = new Dictionary<string, string> { ["command"] = "true" } }, Outcome(1, 1, false)]));

        Assert.Equal(origin, Assert.Single(batch.Sweeps).Origin);
        var trials = batch.Trials.OrderBy(t => t.Index).ToList();
        Assert.Equal(("node-1", "true"), (trials[0].Host, trials[0].Details!["command"]));
        Assert.Equal((null, null), (trials[1].Host, trials[1].Details));
    }
}
