using Sweeps.Cluster.Events;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Core.Trials;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// One sweep as the coordinator tracks it. Memory is O(trials in flight + trials to run again): finished trials
/// are counted, not kept, and never-run trials are the range from <see cref="Cursor"/> to the end.
/// </summary>
internal sealed class SweepRun(SweepSpec spec, string specText, string fingerprint)
{
    public string Name => Spec.Name;
    public SweepSpec Spec { get; } = spec;
    public string SpecText { get; } = specText;
    public string Fingerprint { get; } = fingerprint;
    public TrialPlan Plan { get; } = new(spec);

    /// <summary>For <c>sampler: tpe</c>: the points suggested so far and the results they come from; null for the other samplers.</summary>
    public TpeSearch? Search { get; } = TpeSearch.For(spec);

    /// <summary>For a sweep with a <c>scheduler:</c>: its rungs and paused trials, or the curves the median rule judges by; null otherwise.</summary>
    public TrialScheduler? Scheduler { get; } = TrialScheduler.For(spec);
    public long Total => Plan.TrialCount;

    /// <summary>Trials below the cursor have been handed out at least once.</summary>
    public long Cursor { get; set; }
    public long Completed { get; set; }
    public long Failed { get; set; }
    public long Pruned { get; set; }

    /// <summary>Failed trials by index, with the attempt that failed: what <c>sweeps retry --failed</c> may run again.</summary>
    public SortedDictionary<long, int> Failures { get; } = new();

    /// <summary>Pruned trials by index, with the attempt that was stopped: what <c>sweeps retry --pruned</c> may run again.</summary>
    public SortedDictionary<long, int> Prunings { get; } = new();

    public SweepState State { get; set; } = SweepState.Running;

    public Dictionary<long, Lease> Running { get; } = new();

    /// <summary>Workers that refused this sweep's trials (they cannot run them), with their reasons; kept while they stay connected.</summary>
    public Dictionary<string, string> RefusedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>Why no connected worker can run this sweep, as last journaled; null when one can.</summary>
    public string? Waiting { get; set; }

    /// <summary>Trials to hand out again, by index (smallest first), each with the attempt it will run as.</summary>
    public SortedDictionary<long, RetriedTrial> ToRunAgain { get; } = new();

    /// <summary>
    /// This sweep with more trials: the same progress, leases and hand-backs under the grown spec. A finished sweep runs
    /// again; an adaptive one keeps what it suggested and learned.
    /// </summary>
    public SweepRun ExtendedTo(SweepSpec grown, string grownText, string grownFingerprint)
    {
        var run = new SweepRun(grown, grownText, grownFingerprint)
        {
            Cursor = Cursor, Completed = Completed, Failed = Failed, Pruned = Pruned, Waiting = Waiting,
            State = State == SweepState.Finished ? SweepState.Running : State,
        };
        foreach (var (index, lease) in Running) run.Running[index] = lease;
        foreach (var (index, retry) in ToRunAgain) run.ToRunAgain[index] = retry;
        foreach (var (worker, why) in RefusedBy) run.RefusedBy[worker] = why;
        run.Search?.Restore(Search?.SuggestedPoints, Search?.Observed);
        run.Scheduler?.Restore(Scheduler?.Snapshot());
        foreach (var (index, attempt) in Failures) run.Failures[index] = attempt;
        foreach (var (index, attempt) in Prunings) run.Prunings[index] = attempt;
        return run;
    }

    public long Done => Completed + Failed + Pruned;
    public bool HasWork => State == SweepState.Running && (ToRunAgain.Count > 0 || Cursor < Total);
    public bool IsOver => State.IsOver();
}
