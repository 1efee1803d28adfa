using Sweeps.Core.Parameters;

namespace Sweeps.Core.Jobs;

/// <summary>Everything a job receives for one trial.</summary>
public sealed class JobContext(
    TrialParameters parameters,
    ulong seed,
    CancellationToken cancellation,
    IJobProgress? progress = null)
{
    public TrialParameters Parameters { get; } = parameters;

    /// <summary>The trial's own seed: derived from the sweep's seed and the trial's index (see <see cref="Trials.TrialSeed"/>).</summary>
    public ulong Seed { get; } = seed;

    public CancellationToken Cancellation { get; } = cancellation;

    public IJobProgress Progress { get; } = progress ?? JobProgress.None;
}
