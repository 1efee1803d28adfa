using Sweeps.Core.Sampling;

namespace Sweeps.Core.Spec;

/// <summary>
/// Growing a sweep: a spec that differs from the stored one only by more <c>trials</c> of a sampler whose point i does
/// not depend on how many are drawn (random, sobol, tpe) extends it. The first trials keep their points, seeds and
/// results; only the new ones run.
/// </summary>
public static class SweepExtension
{
    public static bool Extends(SweepSpec proposed, SweepSpec stored) =>
        proposed.Sampler is SamplerKind.Random or SamplerKind.Sobol or SamplerKind.Tpe
        && proposed.Scheduler?.Kind != SchedulerKind.Sha // its bracket is the sweep's trials: more would change every decision
        && proposed.Trials is { } more && stored.Trials is { } before && more > before
        && SpecDiff.Between(stored, proposed with { Trials = before }).Count == 0;
}
