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
    string State,
    DateTime SubmittedAt);

/// <summary>What <c>sweeps status</c> shows of a sweep: its row and how many trials stand where.</summary>
public sealed record SweepSummary(SweepRow Sweep, long Completed, long Failed, long Running, long Pending)
{
    public long Done => Completed + Failed;
}

/// <summary>A sweep's lifecycle as the <c>sweeps.state</c> column spells it.</summary>
public static class SweepState
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";
    public const string Finished = "finished";
}
