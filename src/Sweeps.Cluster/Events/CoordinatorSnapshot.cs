using Sweeps.Cluster.Messages;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;

namespace Sweeps.Cluster.Events;

/// <summary>
/// The coordinator's state in a few numbers a sweep: how far the cursor is, what counts are, and which trials
/// must run again. Trials that were running when the snapshot was taken are saved as to-run-again, which is
/// what recovery does with them anyway. Its size does not grow with the number of finished trials.
/// </summary>
public sealed record CoordinatorSnapshot(IReadOnlyList<SweepSnapshot> Sweeps) : ISweepsMessage;

public sealed record SweepSnapshot(
    string Name,
    string Spec,
    string Fingerprint,
    long TotalTrials,
    long Cursor,
    long Completed,
    long Failed,
    SweepState State,
    IReadOnlyList<RetriedTrial> ToRunAgain,
    string? Waiting = null)
{
    /// <summary>An adaptive sweep's suggested points, by trial index; null for the other samplers.</summary>
    public IReadOnlyList<TrialParameters>? Suggested { get; init; }

    /// <summary>An adaptive sweep's finished trials and their objective values (NaN: no value), in the order they finished.</summary>
    public IReadOnlyList<ObservedTrial>? Observed { get; init; }

    /// <summary>A sweep with a <c>scheduler:</c>: what its trials reached and where they wait; null for the others.</summary>
    public SchedulerSnapshot? Scheduler { get; init; }

    /// <summary>Failed and pruned trials with their final attempts, which <c>sweeps retry</c> may run again; null in older snapshots.</summary>
    public IReadOnlyList<RetriedTrial>? Failures { get; init; }

    public IReadOnlyList<RetriedTrial>? Prunings { get; init; }

    public long Pruned { get; init; }
}

/// <summary>
/// A sweep's scheduler: every rung result (trial, rung, value), every promotion (trial, from rung), the trials paused at
/// a rung now, the trials run again to their end, and (median) the finished trials' curves.
/// </summary>
public sealed record SchedulerSnapshot(
    IReadOnlyList<RungRecord> Reached,
    IReadOnlyList<RungRecord> Promoted,
    IReadOnlyList<RungResult> Paused,
    IReadOnlyList<long> ToTheEnd,
    IReadOnlyList<double[]> Curves);

public sealed record RungRecord(long Index, int Rung, double Value);

/// <summary>A finished trial as an adaptive sampler learns from it: its index and objective value (NaN when it has none).</summary>
public sealed record ObservedTrial(long Index, double Value);
