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
}

/// <summary>A finished trial as an adaptive sampler learns from it: its index and objective value (NaN when it has none).</summary>
public sealed record ObservedTrial(long Index, double Value);
