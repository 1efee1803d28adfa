namespace Sweeps.Core.Lifecycle;

/// <summary>Where a trial stands. Its text form (<see cref="StateNames"/>) is what the store holds.</summary>
public enum TrialStatus
{
    /// <summary>Waiting to run again (its worker was lost, or the sweep was interrupted).</summary>
    Pending,

    Running,

    Completed,

    Failed,

    /// <summary>Stopped early by the sweep's scheduler (<c>scheduler:</c>): its metrics are those of the step it was judged at.</summary>
    Pruned,
}
