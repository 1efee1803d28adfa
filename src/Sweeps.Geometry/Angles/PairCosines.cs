using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Angles;

/// <summary>
/// Cosines of the angles between random pairs x, y in [-1, 1]^D, eight pairs at a time, one pair per vector lane.
/// </summary>
/// <remarks>
/// The coordinates are independent, so which generator word becomes which coordinate is ours to choose; this layout
/// lets a block of eight pairs be drawn and reduced in registers, with no horizontal sums and no memory traffic.
/// A block takes ceil(D/2) generator steps; step s gives x_2s, y_2s, x_2s+1, y_2s+1 of the eight pairs (for odd D the
/// last step's second half is dropped). The scalar fallback reads the same words and performs the same fused
/// multiply-adds, lane by lane, so both paths give the same bits.
/// </remarks>
public sealed class PairCosines(int dimension)
{
    public const int PairsPerBlock = 8;

    private ulong[]? _words;

    public int Dimension { get; } = dimension;

    /// <summary>Fills <paramref name="cosines"/>, whose length must be a multiple of <see cref="PairsPerBlock"/>.</summary>
    public void Fill(Xoshiro256Lanes random, Span<double> cosines) => Fill(random, cosines, Vector512.IsHardwareAccelerated);

    internal void Fill(Xoshiro256Lanes random, Span<double> cosines, bool fused)
    {
        if (cosines.Length % PairsPerBlock != 0) throw new ArgumentException("length must be a multiple of 8", nameof(cosines));
        for (var block = 0; block < cosines.Length; block += PairsPerBlock)
        {
            if (fused) FusedBlock(random, cosines.Slice(block, PairsPerBlock));
            else ScalarBlock(random, cosines.Slice(block, PairsPerBlock));
        }
    }

    private void FusedBlock(Xoshiro256Lanes random, Span<double> cosines)
    {
        var sums = random.Consume((Dimension + 1) / 2, new Sums { Left = Dimension });
        var norms = Vector512.Sqrt(sums.XX * sums.YY);
        var cosine = Vector512.Min(Vector512.Max(sums.Dot / norms, Vector512.Create(-1.0)), Vector512<double>.One);
        // A zero vector (probability 2^-51 per coordinate) counts as orthogonal to everything.
        Vector512.ConditionalSelect(Vector512.GreaterThan(norms, Vector512<double>.Zero), cosine, Vector512<double>.Zero).CopyTo(cosines);
    }

    // Reads the block's words a slice of steps at a time (memory O(1) in D), each lane summing in coordinate order.
    private void ScalarBlock(Xoshiro256Lanes random, Span<double> cosines)
    {
        const int StepsPerSlice = 64;
        var words = _words ??= new ulong[Xoshiro256Lanes.Lanes * StepsPerSlice];
        Span<double> dot = stackalloc double[PairsPerBlock], xx = stackalloc double[PairsPerBlock], yy = stackalloc double[PairsPerBlock];
        dot.Clear(); xx.Clear(); yy.Clear();
        var steps = (Dimension + 1) / 2;
        for (var first = 0; first < steps; first += StepsPerSlice)
        {
            var count = Math.Min(StepsPerSlice, steps - first);
            random.FillBits(words.AsSpan(0, count * Xoshiro256Lanes.Lanes));
            for (var lane = 0; lane < PairsPerBlock; lane++)
            {
                for (var step = 0; step < count; step++)
                {
                    for (var half = 0; half < 2 && 2 * (first + step) + half < Dimension; half++)
                    {
                        var at = Xoshiro256Lanes.Lanes * step + 16 * half + lane;
                        var x = Coordinate(words[at]);
                        var y = Coordinate(words[at + 8]);
                        dot[lane] = Math.FusedMultiplyAdd(x, y, dot[lane]);
                        xx[lane] = Math.FusedMultiplyAdd(x, x, xx[lane]);
                        yy[lane] = Math.FusedMultiplyAdd(y, y, yy[lane]);
                    }
                }
            }
        }
        for (var lane = 0; lane < PairsPerBlock; lane++)
        {
            var norms = Math.Sqrt(xx[lane] * yy[lane]);
            cosines[lane] = norms > 0 ? Math.Min(Math.Max(dot[lane] / norms, -1), 1) : 0;
        }
    }

    private static double Coordinate(ulong word) =>
        Math.FusedMultiplyAdd(BitConverter.UInt64BitsToDouble((word >> 12) | 0x3FF0000000000000UL), 2, -3);

    private struct Sums : ILaneConsumer
    {
        public Vector512<double> Dot, XX, YY;
        public int Left;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Take(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d)
        {
            Add(a, b);
            if (--Left > 0)
            {
                Add(c, d);
                Left--;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(Vector512<ulong> xWords, Vector512<ulong> yWords)
        {
            var x = Vector512.FusedMultiplyAdd(Map(xWords), Vector512.Create(2.0), Vector512.Create(-3.0));
            var y = Vector512.FusedMultiplyAdd(Map(yWords), Vector512.Create(2.0), Vector512.Create(-3.0));
            Dot = Vector512.FusedMultiplyAdd(x, y, Dot);
            XX = Vector512.FusedMultiplyAdd(x, x, XX);
            YY = Vector512.FusedMultiplyAdd(y, y, YY);
        }

        private static Vector512<double> Map(Vector512<ulong> words) =>
            ((words >>> 12) | Vector512.Create(0x3FF0000000000000UL)).AsDouble();
    }
}
