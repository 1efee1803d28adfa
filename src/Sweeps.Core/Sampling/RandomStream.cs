using Sweeps.Core.Trials;

namespace Sweeps.Core.Sampling;

/// <summary>
/// A SplitMix64 stream seeded by (sweep seed, point index) alone, so point i is the same on every machine and .NET version
/// (System.Random's algorithm is unspecified).
/// </summary>
internal struct RandomStream(ulong sweepSeed, long pointIndex)
{
    // A different salt from trial seeds, so a trial's seed and its parameter values are not the same numbers.
    private const ulong PointSalt = 0xD1B54A32D192ED03UL;

    private ulong _state = TrialSeed.Derive(TrialSeed.SplitMix64(sweepSeed ^ PointSalt), pointIndex);

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return TrialSeed.SplitMix64(_state);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextUnit() => (Next() >> 11) * (1.0 / (1UL << 53));
}
