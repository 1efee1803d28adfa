using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Tests.Coordination;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cluster.Tests.Projections;

/// <summary>Rows of a sweep with a scheduler: a trial paused at a rung is pending with what it reached; a pruned one is final.</summary>
public sealed class ScheduledTrialRowsTests
{
    private static readonly DateTime At = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private static TrialOutcome Reached(long index, int attempt, double loss) =>
        new("halving", index, attempt, true, new Dictionary<string, double> { ["loss"] = loss }, null, null, At, At.AddSeconds(2), "host-a");

    [Fact]
    public void A_trial_paused_at_a_rung_is_pending_with_its_metrics_and_a_pruned_one_is_final_with_why()
    {
        var rows = new TrialRows();
        var batch = new StoreBatch();
        var spec = SchedulerSweepTests.Spec("asha");
        rows.Add(batch, new SweepSubmitted("halving", spec, "f", 9, At));
        rows.Add(batch, new TrialsDispatched("halving", "w1", 0, 2, [], At));
        rows.Add(batch, new TrialsReachedRung("halving", "w1", [new RungResult(Reached(0, 1, 0.9), 0, 1, 0.9), new RungResult(Reached(1, 1, 0.1), 0, 1, 0.1)]));

        var paused = batch.Trials.Single(t => t.Index == 0);
        Assert.Equal((TrialStatus.Pending, 1, "w1", 0.9), (paused.Status, paused.Attempt, paused.Worker, paused.Metrics["loss"]));
        Assert.Equal("paused at rung 0 (epoch 1): waits to be promoted or pruned", paused.Error);

        var reason = "not promoted from rung 0 (epoch 1)";
        var pruned = Reached(0, 1, 0.9) with { Details = new Dictionary<string, string> { ["pruned"] = reason } };
        rows.Add(batch, new TrialsPruned("halving", [new PrunedTrial(pruned, 1, 0, reason)], At));
        var row = batch.Trials.Single(t => t.Index == 0);
        Assert.Equal((TrialStatus.Pruned, 1, 0.9, reason), (row.Status, row.Attempt, row.Metrics["loss"], row.Details!["pruned"]));
        Assert.True(row.Status.IsFinal());
        Assert.Equal(2, TrialRows.Weight(new TrialsReachedRung("halving", "w1", [new RungResult(pruned, 0, 1, 0.9), new RungResult(pruned, 0, 1, 0.9)])));
    }
}
