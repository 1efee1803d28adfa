using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sweeps.Core.Trials;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary>
/// Draws points uniform in [0, 1]^D and names each point's cell by two 64-bit multilinear hashes of its D bin indices,
/// eight points at a time, one per vector lane.
/// </summary>
/// <remarks>
/// <para>Bins: floor(u b) with u the top 53 bits of a word, clamped below b. Hash: h = sum_j k_j (bin_j + 1) mod 2^64, with
/// keys k_j drawn from the seed (Dietzfelbinger's multilinear hashing). Two distinct cells collide in one hash only if
/// sum_j k_j delta_j = 0 mod 2^64; for random keys that has probability at most 2^(t - 64), t below 20 the 2-adic valuation
/// of a nonzero delta_j (bins are below 2^20). Both hashes: below 2^-88 a pair; over the N^2 / 2 &lt; 2^44 pairs of the
/// 5 million points allowed, below 2^-44. Memory: 2 D keys, not b^D.</para>
/// <para>Layout as in <see cref="BallInCube.CubePointNorms"/>: a block of eight points takes ceil(D/4) generator steps, step s
/// giving coordinates 4s to 4s+3. The vector and scalar paths do the same integer and IEEE operations, so they agree bit for bit.</para>
/// </remarks>
public sealed class CellHashes
{
    public const int PointsPerBlock = 8;

    private const int StepsPerFill = 64;

    private readonly int _dimension;
    private readonly int _bins;
    private readonly ulong[] _keys;   // k1 of coordinate j at 2j, k2 at 2j + 1
    private readonly ulong[] _words = new ulong[Xoshiro256Lanes.Lanes * StepsPerFill];

    public CellHashes(int dimension, int bins, ulong seed)
    {
        _dimension = dimension;
        _bins = bins;
        _keys = new ulong[2 * dimension];
        for (var i = 0; i < _keys.Length; i++) _keys[i] = TrialSeed.SplitMix64(seed ^ 0x243F6A8885A308D3UL ^ ((ulong)i * 0x9E3779B97F4A7C15UL));
    }

    /// <summary>Hashes the cells of <c>first.Length</c> new points, a multiple of <see cref="PointsPerBlock"/>.</summary>
    public void Next(Xoshiro256Lanes random, Span<ulong> first, Span<ulong> second) => Next(random, first, second, Vector512.IsHardwareAccelerated);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Next(Xoshiro256Lanes random, Span<ulong> first, Span<ulong> second, bool vector)
    {
        if (first.Length % PointsPerBlock != 0 || second.Length != first.Length) throw new ArgumentException("lengths must be equal multiples of 8");
        var stepsPerBlock = (_dimension + 3) / 4;
        var blocks = first.Length / PointsPerBlock;
        if (stepsPerBlock <= StepsPerFill)
        {
            // Small D: several whole blocks per fill.
            var blocksPerFill = StepsPerFill / stepsPerBlock;
            for (var block = 0; block < blocks; block += blocksPerFill)
            {
                var count = Math.Min(blocksPerFill, blocks - block);
                random.FillBits(_words.AsSpan(0, count * stepsPerBlock * Xoshiro256Lanes.Lanes));
                for (var b = 0; b < count; b++)
                {
                    var (h1, h2) = (Vector512<ulong>.Zero, Vector512<ulong>.Zero);
                    var at = (block + b) * PointsPerBlock;
                    Accumulate(b * stepsPerBlock, 0, stepsPerBlock, ref h1, ref h2, first.Slice(at, 8), second.Slice(at, 8), vector, fresh: true);
                    if (vector) { h1.CopyTo(first.Slice(at, 8)); h2.CopyTo(second.Slice(at, 8)); }
                }
            }
            return;
        }
        // Large D: one block a slice of steps at a time.
        for (var block = 0; block < blocks; block++)
        {
            var (h1, h2) = (Vector512<ulong>.Zero, Vector512<ulong>.Zero);
            var at = block * PointsPerBlock;
            for (var step = 0; step < stepsPerBlock; step += StepsPerFill)
            {
                var count = Math.Min(StepsPerFill, stepsPerBlock - step);
                random.FillBits(_words.AsSpan(0, count * Xoshiro256Lanes.Lanes));
                Accumulate(0, step, count, ref h1, ref h2, first.Slice(at, 8), second.Slice(at, 8), vector, fresh: step == 0);
            }
            if (vector) { h1.CopyTo(first.Slice(at, 8)); h2.CopyTo(second.Slice(at, 8)); }
        }
    }

    /// <summary>Adds steps [firstStep, firstStep + count) of one block, read from _words starting at step wordStep.</summary>
    private void Accumulate(int wordStep, int firstStep, int count, ref Vector512<ulong> h1, ref Vector512<ulong> h2,
        Span<ulong> first, Span<ulong> second, bool vector, bool fresh)
    {
        var bins = (double)_bins;
        var lastBin = (ulong)_bins - 1;
        if (vector)
        {
            ref var words = ref MemoryMarshal.GetArrayDataReference(_words);
            var scale = Vector512.Create(bins / (1UL << 53));
            var (sum1, sum2) = (h1, h2);
            for (var s = 0; s < count; s++)
            {
                for (var quarter = 0; quarter < 4; quarter++)
                {
                    var j = 4 * (firstStep + s) + quarter;
                    if (j >= _dimension) break;
                    var w = Vector512.LoadUnsafe(ref words, (nuint)(Xoshiro256Lanes.Lanes * (wordStep + s) + 8 * quarter));
                    var bin = Vector512.Min(Vector512.ConvertToUInt64(Vector512.Floor(Vector512.ConvertToDouble(w >>> 11) * scale)), Vector512.Create(lastBin));
                    bin += Vector512<ulong>.One;
                    sum1 += Vector512.Create(_keys[2 * j]) * bin;
                    sum2 += Vector512.Create(_keys[2 * j + 1]) * bin;
                }
            }
            (h1, h2) = (sum1, sum2);
            return;
        }
        if (fresh) { first.Clear(); second.Clear(); }
        var scalarScale = bins / (1UL << 53);
        for (var lane = 0; lane < PointsPerBlock; lane++)
        {
            for (var s = 0; s < count; s++)
            {
                for (var quarter = 0; quarter < 4 && 4 * (firstStep + s) + quarter < _dimension; quarter++)
                {
                    var j = 4 * (firstStep + s) + quarter;
                    var w = _words[Xoshiro256Lanes.Lanes * (wordStep + s) + 8 * quarter + lane];
                    var bin = Math.Min((ulong)Math.Floor((double)(w >> 11) * scalarScale), lastBin) + 1;
                    first[lane] += _keys[2 * j] * bin;
                    second[lane] += _keys[2 * j + 1] * bin;
                }
            }
        }
    }
}
