namespace Sweeps.Core.Trials;

/// <summary>Every trial's seed derives from the sweep's seed and the trial's index, nothing else.</summary>
public static class TrialSeed
{
    public static ulong Derive(ulong sweepSeed, long trialIndex) =>
        SplitMix64(SplitMix64(sweepSeed) ^ SplitMix64(0x9E3779B97F4A7C15UL + (ulong)trialIndex));

    /// <summary>Steele, Lea and Flood's SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
