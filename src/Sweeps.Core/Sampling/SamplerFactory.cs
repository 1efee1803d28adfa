using Sweeps.Core.Spec;

namespace Sweeps.Core.Sampling;

/// <summary>Picks the sampler a spec asks for.</summary>
public static class SamplerFactory
{
    public static ISampler Create(SweepSpec spec) => spec.Sampler switch
    {
        SamplerKind.Grid => new GridSampler(spec.Parameters),
        SamplerKind.Random => new RandomSampler(spec.Parameters, spec.Seed, TrialsOf(spec)),
        SamplerKind.Sobol => new SobolSampler(spec.Parameters, spec.Seed, TrialsOf(spec)),
        // TPE's points are suggested as results come in and journaled; until then (and for its start-up trials) they are
        // the random sampler's, which is what a plan of a TPE sweep shows before it has run.
        SamplerKind.Tpe => new RandomSampler(spec.Parameters, spec.Seed, TrialsOf(spec)),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Sampler, "unknown sampler"),
    };

    private static long TrialsOf(SweepSpec spec) =>
        spec.Trials ?? throw new ArgumentException($"sweep '{spec.Name}': sampler {spec.Sampler} needs trials", nameof(spec));
}
