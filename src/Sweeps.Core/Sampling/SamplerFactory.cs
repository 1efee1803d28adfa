using Sweeps.Core.Spec;

namespace Sweeps.Core.Sampling;

/// <summary>Picks the sampler a spec asks for.</summary>
public static class SamplerFactory
{
    public static ISampler Create(SweepSpec spec) => throw new NotImplementedException("samplers come next");
}
