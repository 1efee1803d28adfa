namespace Sweeps.Cluster.Workers;

/// <summary>Why a running trial was stopped before its job returned.</summary>
internal enum StopReason
{
    None,
    /// <summary>The worker is stopping: the trial is handed back to run elsewhere.</summary>
    WorkerStopping,
    /// <summary>Its sweep was paused: handed back, it runs again on resume.</summary>
    SweepPaused,
    /// <summary>Its sweep was cancelled: handed back, it never runs again.</summary>
    SweepCancelled,
    /// <summary>It ran past the worker's <c>--trial-timeout</c>: given up on here, its lease runs out.</summary>
    Abandoned,
    /// <summary>It ran past the spec's <c>timeout:</c>: it fails.</summary>
    TimedOut,
}
