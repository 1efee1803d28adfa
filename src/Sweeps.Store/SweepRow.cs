using Sweeps.Core.Lifecycle;

namespace Sweeps.Store;

/// <summary>One row of the <c>sweeps</c> table: a sweep's spec and its state.</summary>
public sealed record SweepRow(
    string Name,
    string Job,
    string Sampler,
    long TotalTrials,
    string? ObjectiveMetric,
    string? ObjectiveGoal,
    string Fingerprint,
    string Spec,
    SweepState State,
    DateTime SubmittedAt)
{
    /// <summary>Who submitted it, from where, with which version and commit; null when not recorded.</summary>
    public SweepOrigin? Origin { get; init; }
}

/// <summary>What <c>sweeps status</c> shows of a sweep: its row and how many trials stand where.</summary>
public sealed record SweepSummary(SweepRow Sweep, long Completed, long Failed, long Running, long Pending, long Pruned = 0)
{
    public long Done => Completed + Failed + Pruned;
}
