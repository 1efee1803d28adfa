using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;

namespace Sweeps.Cluster.Messages;

// What workers and the coordinator say to each other. Workers pull: they ask for as many trials as they have room for.

/// <summary>A worker asks for up to <paramref name="Count"/> trials.</summary>
public sealed record RequestTrials(string Worker, int Count) : ISweepsMessage;

/// <summary>The coordinator hands out trials; each is leased to the worker until its heartbeats stop.</summary>
public sealed record TrialsAssigned(IReadOnlyList<TrialAssignment> Trials) : ISweepsMessage;

/// <summary>
/// One trial to run: which job, with what, and which attempt this is (a result names the attempt it belongs to); and the
/// sweep's settings for its job (<c>command:</c>) and time-out, when it gives them.
/// </summary>
/// <param name="StopAtStep">The rung the sweep's scheduler runs the trial to (<see cref="Core.Jobs.JobContext.StopAtStep"/>); null: to the end.</param>
/// <param name="MayContinue">The scheduler may continue the trial from that step later: its checkpoint stays when it ends.</param>
public sealed record TrialAssignment(string Sweep, long Index, int Attempt, string Job, ulong Seed, TrialParameters Parameters,
    IReadOnlyList<Core.Jobs.JobSettingValue>? Settings = null, TimeSpan? Timeout = null, long? StopAtStep = null, bool MayContinue = false)
{
    public TrialKey Key => new(Sweep, Index);
}

/// <summary>Nothing to run now; the coordinator says <see cref="TrialsAvailable"/> when that changes.</summary>
public sealed record NoTrialsAvailable : ISweepsMessage
{
    public static NoTrialsAvailable Instance { get; } = new();
}

/// <summary>Sent to idle workers when new work appears.</summary>
public sealed record TrialsAvailable : ISweepsMessage
{
    public static TrialsAvailable Instance { get; } = new();
}

/// <summary>A worker's results, in a numbered batch; the worker resends the batch until it is acknowledged.</summary>
public sealed record ReportOutcomes(string Worker, long Batch, IReadOnlyList<TrialOutcome> Outcomes) : ISweepsMessage;

/// <summary>The batch is durable in the journal (or was a repeat); the worker may forget it.</summary>
public sealed record OutcomesRecorded(long Batch) : ISweepsMessage;

/// <summary>What one attempt of a trial produced: metrics on success, the error on failure.</summary>
/// <param name="Host">The host name of the worker's machine; null in journals written before it was recorded.</param>
/// <param name="Details">The job's facts about how it ran (<see cref="Core.Jobs.JobResult.Details"/>), bounded; null when none.</param>
public sealed record TrialOutcome(
    string Sweep,
    long Index,
    int Attempt,
    bool Succeeded,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]>? Series,
    string? Error,
    DateTime StartedAt,
    DateTime EndedAt,
    string? Host = null,
    IReadOnlyDictionary<string, string>? Details = null)
{
    public TrialKey Key => new(Sweep, Index);
}

/// <summary>A worker gives back trials it will not finish (it is stopping); they run again elsewhere.</summary>
public sealed record ReturnTrials(string Worker, long Batch, IReadOnlyList<ReturnedTrial> Trials) : ISweepsMessage;

public sealed record ReturnedTrial(string Sweep, long Index, int Attempt);

/// <summary>
/// A worker cannot run these trials at all (the job threw <see cref="Core.Jobs.TrialRefusedException"/>: its program is
/// missing here): they run again elsewhere, not counted as failed, and the worker is given no more of their sweeps' trials.
/// </summary>
public sealed record RefuseTrials(string Worker, long Batch, IReadOnlyList<RefusedTrial> Trials) : ISweepsMessage;

/// <param name="Reason">Why the worker cannot run it; at most <see cref="MaxReasonLength"/> characters count.</param>
public sealed record RefusedTrial(string Sweep, long Index, int Attempt, string Reason)
{
    public const int MaxReasonLength = 1000;
}

/// <summary>
/// The coordinator tells a worker to stop these running (or queued) trials of a sweep a person paused or cancelled, and
/// to hand them back (<see cref="ReturnTrials"/>). A worker acts only on trials it holds and ignores the rest; the
/// coordinator sends it again while the worker's heartbeats still name such trials, since a message can be lost.
/// </summary>
/// <param name="Because">Why: <see cref="Core.Lifecycle.SweepState.Paused"/> (the trials run again on resume) or
/// <see cref="Core.Lifecycle.SweepState.Cancelled"/> (they never run again).</param>
public sealed record StopTrials(string Sweep, IReadOnlyList<long> Indexes, Core.Lifecycle.SweepState Because) : ISweepsMessage
{
    /// <summary>Trials named in one message at most; more go in several.</summary>
    public const int MaxTrials = 1000;

    /// <summary>The longest sweep name a worker accepts in one (it crossed a process boundary).</summary>
    public const int MaxSweepLength = 1000;

    /// <summary>Null when the message is within bounds; otherwise what is wrong with it.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(Sweep) || Sweep.Length > MaxSweepLength) return $"the sweep name is empty or longer than {MaxSweepLength} characters";
        if (Indexes is null) return "it names no trials";
        if (Indexes.Count > MaxTrials) return $"it names {Indexes.Count} trials; at most {MaxTrials} are allowed in one";
        if (Because is not (Core.Lifecycle.SweepState.Paused or Core.Lifecycle.SweepState.Cancelled))
            return $"a trial is stopped because its sweep was paused or cancelled, not {(Because.IsKnown() ? Because.Text() : $"state {(int)Because}")}";
        return null;
    }
}

/// <summary>A worker is alive and still holds these trials: their leases are renewed. It also says how far its running trials are.</summary>
public sealed record WorkerHeartbeat(string Worker, IReadOnlyList<TrialKey> Holding, IReadOnlyList<TrialReport>? Running = null) : ISweepsMessage;

/// <summary>How far a running trial is, and its latest intermediate metrics (a validation loss after an epoch).</summary>
public sealed record TrialReport(string Sweep, long Index, double Fraction, long Step, IReadOnlyDictionary<string, double>? Metrics);
