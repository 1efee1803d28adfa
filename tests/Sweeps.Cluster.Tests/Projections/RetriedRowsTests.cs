using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Cluster.Tests.Projections;

/// <summary>A retry's events projected batch by batch into a real store: pending as the new attempt, then what it comes to.</summary>
public sealed class RetriedRowsTests
{
    private static readonly DateTime At = new(2026, 12, 6, 15, 0, 0, DateTimeKind.Utc);

    private static TrialOutcome Outcome(long index, int attempt, bool succeeded, double value) =>
        new("noop-sweep", index, attempt, succeeded, new Dictionary<string, double> { ["value"] = value }, null,
            succeeded ? null : "boom", At, At.AddSeconds(1));

    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public void Retried_trials_read_pending_with_what_they_were_then_their_new_attempt_s_result(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        var rows = new TrialRows();
        var sequence = 0L;
        void Project(params object[] events)
        {
            var batch = new StoreBatch { SequenceNr = ++sequence };
            foreach (var e in events) rows.Add(batch, e);
            store.Apply(batch, "trials");
        }
        (TrialStatus, int, string?) Row(long index) => store.ReadTrials("noop-sweep").Where(t => t.Index == index).Select(t => (t.Status, t.Attempt, t.Error)).Single();

        Project(new SweepSubmitted("noop-sweep", SpecText.ToCanonicalYaml(Specs.Parse(trials: 3)), "f", 3, At),
            new TrialsDispatched("noop-sweep", "w1", 0, 3, [], At),
            new TrialsFinished("noop-sweep", "w1", [Outcome(0, 1, false, 9), Outcome(1, 1, true, 0.5)]),
            new TrialsPruned("noop-sweep", [new PrunedTrial(Outcome(2, 1, true, 7), 3, null, "worse than the median")], At));

        Project(new TrialsRetried("noop-sweep", [new RetriedTrial(0, 2, 0), new RetriedTrial(2, 2, 0)], 1, 1, At));
        Assert.Equal((TrialStatus.Pending, 2, "will run again: retried (was failed)"), Row(0));
        Assert.Equal((TrialStatus.Completed, 1, null), Row(1));
        Assert.Equal((TrialStatus.Pending, 2, "will run again: retried (was pruned)"), Row(2));

        Project(new TrialsDispatched("noop-sweep", "w2", 3, 0, [new RetriedTrial(0, 2, 0), new RetriedTrial(2, 2, 0)], At));
        Assert.Equal((TrialStatus.Running, 2, null), Row(0));
        Project(new TrialsFinished("noop-sweep", "w2", [Outcome(0, 2, true, 0.25), Outcome(2, 2, true, 0.75)]));
        Assert.Equal([(0L, 2, 0.25), (1L, 1, 0.5), (2L, 2, 0.75)],
            store.ReadTrials("noop-sweep").Select(t => (t.Index, t.Attempt, t.Metrics["value"])));
        Assert.Equal(2, TrialRows.Weight(new TrialsRetried("noop-sweep", [new RetriedTrial(0, 2, 0), new RetriedTrial(2, 2, 0)], 1, 1, At)));
    }
}
