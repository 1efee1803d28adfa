using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Messages;

// What a client (the CLI, a test) says to the coordinator.

/// <summary>Submit sweeps, each as its canonical spec text. Submitting the same spec again is a no-op.</summary>
/// <param name="Origin">Who submitted them, from where (version, host, user, git commit); null when unknown.</param>
public sealed record SubmitSweeps(IReadOnlyList<string> Specs, SweepOrigin? Origin = null) : ISweepsMessage;

public sealed record SubmitResult(IReadOnlyList<SubmittedSweep> Sweeps) : ISweepsMessage;

/// <param name="Accepted">False when refused; <paramref name="Problems"/> says why (for a changed spec, what changed).</param>
/// <param name="Existing">True when a sweep with this name and this spec was already there.</param>
public sealed record SubmittedSweep(string Name, bool Accepted, bool Existing, long TotalTrials, IReadOnlyList<string> Problems);

public sealed record GetProgress : ISweepsMessage
{
    public static GetProgress Instance { get; } = new();
}

/// <param name="JournalPosition">The coordinator's last journal sequence number: the store is current once its projection reaches it.</param>
public sealed record ProgressReport(IReadOnlyList<SweepProgress> Sweeps, long JournalPosition) : ISweepsMessage;

public sealed record SweepProgress(string Name, SweepState State, long Total, long Completed, long Failed, long Running, long Dispatched)
{
    /// <summary>Running trials that reported progress, furthest along first (at most a few).</summary>
    public IReadOnlyList<TrialReport> Reports { get; init; } = [];

    /// <summary>Why no connected worker can run the sweep's trials, when that is so (null otherwise).</summary>
    public string? Waiting { get; init; }

    /// <summary>Trials the sweep's scheduler stopped early.</summary>
    public long Pruned { get; init; }

    public long Done => Completed + Failed + Pruned;
    public long Pending => Total - Done - Running;
    public bool IsOver => State.IsOver();
}

/// <summary>Change a sweep's state: pause (no new trials handed out), resume (running), or cancel.</summary>
public sealed record ChangeSweepState(string Name, SweepState State) : ISweepsMessage;

public sealed record SweepStateChangeResult(string Name, bool Done, string Message) : ISweepsMessage;

/// <summary>Run a sweep's failed trials (<paramref name="Failed"/>), pruned trials (<paramref name="Pruned"/>), or both, again as new attempts.</summary>
public sealed record RetryTrials(string Name, bool Failed, bool Pruned) : ISweepsMessage;

/// <param name="Done">False when refused; <paramref name="Message"/> says why.</param>
public sealed record TrialsRetryResult(string Name, bool Done, string Message, long Failed, long Pruned) : ISweepsMessage;
