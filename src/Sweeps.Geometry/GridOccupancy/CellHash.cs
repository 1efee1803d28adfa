using System.Runtime.CompilerServices;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary>
/// Two polynomial hashes modulo the Mersenne prime 2^61 - 1 of a cell's D bin indices, with bases drawn from the seed.
/// </summary>
/// <remarks>
/// Two distinct cells collide in one hash only if their difference polynomial (degree below D) has the base as a root:
/// probability at most D / 2^61 for a random base (Carter and Wegman). Both hashes: (D / 2^61)^2, below 2e-29 at D = 10,000;
/// over the N^2 / 2 pairs of 5 million points, below 3e-16. Memory stays two words per cell whatever D is.
/// </remarks>
public readonly struct CellHash
{
    public const ulong Prime = (1UL << 61) - 1;

    public CellHash(ulong seed)
    {
        First = 2 + Sweeps.Core.Trials.TrialSeed.SplitMix64(seed ^ 0x243F6A8885A308D3UL) % (Prime - 2);
        Second = 2 + Sweeps.Core.Trials.TrialSeed.SplitMix64(seed ^ 0x13198A2E03707344UL) % (Prime - 2);
    }

    public ulong First { get; }
    public ulong Second { get; }

    /// <summary>Bin of each random word (the high part of word * bins: exact, no floating point), hashed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (ulong, ulong) Of(ReadOnlySpan<ulong> words, ulong bins)
    {
        ulong h1 = 0, h2 = 0, b1 = First, b2 = Second;
        foreach (var word in words)
        {
            var bin = Math.BigMul(word, bins, out _) + 1;
            h1 = AddMod(MultiplyMod(h1, b1), bin);
            h2 = AddMod(MultiplyMod(h2, b2), bin);
        }
        return (h1, h2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyMod(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        var r = (low & Prime) + ((low >> 61) | (high << 3));
        return r >= Prime ? r - Prime : r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddMod(ulong a, ulong b)
    {
        var r = a + b;
        return r >= Prime ? r - Prime : r;
    }
}
