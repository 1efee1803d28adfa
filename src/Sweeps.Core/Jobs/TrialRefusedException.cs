namespace Sweeps.Core.Jobs;

/// <summary>
/// Thrown by a job that cannot run a trial on this worker at all (its program is not installed here, a plugin it
/// needs is missing), as opposed to a trial that ran and failed. The trial is not counted as an attempt: it is handed
/// back with the reason, and the coordinator stops giving this worker the sweep's trials.
/// </summary>
public sealed class TrialRefusedException(string reason) : Exception(reason)
{
    /// <summary>Why this worker cannot run the trial, in a line a person can act on (shown by <c>sweeps status</c>).</summary>
    public string Reason { get; } = reason;
}
