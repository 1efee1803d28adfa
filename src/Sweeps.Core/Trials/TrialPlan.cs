using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Trials;

/// <summary>
/// A sweep's trials, by index: trial i is point i / replicates, replicate i % replicates, with the seed derived
/// from the sweep's seed and i. Nothing is materialised: a trial exists only when asked for.
/// </summary>
public sealed class TrialPlan
{
    private readonly ISampler _sampler;

    public TrialPlan(SweepSpec spec)
    {
        Spec = spec;
        _sampler = SamplerFactory.Create(spec);
        TrialCount = checked(_sampler.PointCount * spec.Replicates);
    }

    public SweepSpec Spec { get; }

    public long TrialCount { get; }

    public TrialDefinition At(long trialIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trialIndex, TrialCount);
        var point = trialIndex / Spec.Replicates;
        var replicate = (int)(trialIndex % Spec.Replicates);
        return new TrialDefinition(trialIndex, point, replicate, TrialSeed.Derive(Spec.Seed, trialIndex), _sampler.PointAt(point));
    }

    /// <summary>Trial <paramref name="trialIndex"/> of an adaptive sweep, whose point was suggested (and journaled) while it ran.</summary>
    public TrialDefinition At(long trialIndex, TrialParameters suggested)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trialIndex, TrialCount);
        return new TrialDefinition(trialIndex, trialIndex / Spec.Replicates, (int)(trialIndex % Spec.Replicates), TrialSeed.Derive(Spec.Seed, trialIndex), suggested);
    }
}
