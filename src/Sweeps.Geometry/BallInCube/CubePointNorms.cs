using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.BallInCube;

/// <summary>
/// Squared distances from the centre of points uniform in the cube [-1/2, 1/2]^D, eight points at a time, one per vector lane.
/// </summary>
/// <remarks>
/// As in <see cref="Angles.PairCosines"/>, the coordinates are independent, so the layout is ours to choose: a block of eight
/// points takes ceil(D/4) generator steps, step s giving coordinates 4s to 4s+3 of the eight points (the last step's unused
/// quarters are dropped). Drawn and summed in registers; the scalar fallback reads the same words with the same fused
/// multiply-adds, so both paths give the same bits.
/// </remarks>
public sealed class CubePointNorms(int dimension)
{
    public const int PointsPerBlock = 8;

    private ulong[]? _words;

    public int Dimension { get; } = dimension;

    /// <summary>Fills <paramref name="squaredNorms"/>, whose length must be a multiple of <see cref="PointsPerBlock"/>.</summary>
    public void Fill(Xoshiro256Lanes random, Span<double> squaredNorms) => Fill(random, squaredNorms, Vector512.IsHardwareAccelerated);

    internal void Fill(Xoshiro256Lanes random, Span<double> squaredNorms, bool fused)
    {
        if (squaredNorms.Length % PointsPerBlock != 0) throw new ArgumentException("length must be a multiple of 8", nameof(squaredNorms));
        for (var block = 0; block < squaredNorms.Length; block += PointsPerBlock)
        {
            var norms = squaredNorms.Slice(block, PointsPerBlock);
            if (fused) random.Consume((Dimension + 3) / 4, new Sums { Left = Dimension }).Total.CopyTo(norms);
            else ScalarBlock(random, norms);
        }
    }

    // Reads the block's words a slice of steps at a time (memory O(1) in D), each lane summing in coordinate order.
    private void ScalarBlock(Xoshiro256Lanes random, Span<double> squaredNorms)
    {
        const int StepsPerSlice = 64;
        var words = _words ??= new ulong[Xoshiro256Lanes.Lanes * StepsPerSlice];
        squaredNorms.Clear();
        var steps = (Dimension + 3) / 4;
        for (var first = 0; first < steps; first += StepsPerSlice)
        {
            var count = Math.Min(StepsPerSlice, steps - first);
            random.FillBits(words.AsSpan(0, count * Xoshiro256Lanes.Lanes));
            for (var lane = 0; lane < PointsPerBlock; lane++)
            {
                for (var step = 0; step < count; step++)
                {
                    for (var quarter = 0; quarter < 4 && 4 * (first + step) + quarter < Dimension; quarter++)
                    {
                        var x = Coordinate(words[Xoshiro256Lanes.Lanes * step + 8 * quarter + lane]);
                        squaredNorms[lane] = Math.FusedMultiplyAdd(x, x, squaredNorms[lane]);
                    }
                }
            }
        }
    }

    private static double Coordinate(ulong word) => BitConverter.UInt64BitsToDouble((word >> 12) | 0x3FF0000000000000UL) - 1.5;

    private struct Sums : ILaneConsumer
    {
        public Vector512<double> Total;
        public int Left;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Take(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d)
        {
            Add(a);
            if (--Left == 0) return;
            Add(b);
            if (--Left == 0) return;
            Add(c);
            if (--Left == 0) return;
            Add(d);
            Left--;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(Vector512<ulong> words)
        {
            var x = ((words >>> 12) | Vector512.Create(0x3FF0000000000000UL)).AsDouble() - Vector512.Create(1.5);
            Total = Vector512.FusedMultiplyAdd(x, x, Total);
        }
    }
}
