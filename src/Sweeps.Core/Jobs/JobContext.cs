using Sweeps.Core.Parameters;

namespace Sweeps.Core.Jobs;

/// <summary>Everything a job receives for one trial.</summary>
public sealed class JobContext(
    TrialParameters parameters,
    ulong seed,
    CancellationToken cancellation,
    IJobProgress? progress = null)
{
    /// <summary>The trial's parameters by name: the spec's values for this point, each parameter's default where the spec gives none.</summary>
    public TrialParameters Parameters { get; } = parameters;

    /// <summary>The trial's own seed: derived from the sweep's seed and the trial's index (see <see cref="Trials.TrialSeed"/>).</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Signalled when the trial must stop (pause, cancel, worker shutdown, time-out): throw <see cref="OperationCanceledException"/> soon after.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Where to report how far the trial is and intermediate metrics; never null.</summary>
    public IJobProgress Progress { get; } = progress ?? JobProgress.None;
}
