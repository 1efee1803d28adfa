using Sweeps.Core.Trials;

namespace Sweeps.Search.Tpe;

/// <summary>A SplitMix64 stream: the same numbers on every machine and .NET version for the same seed.</summary>
internal struct SplitMixStream(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return TrialSeed.SplitMix64(_state);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextUnit() => (Next() >> 11) * (1.0 / (1UL << 53));
}
