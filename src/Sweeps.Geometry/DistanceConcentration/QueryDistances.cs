using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.DistanceConcentration;

/// <summary>
/// Squared distances from a query to fresh points uniform in [0, 1]^D, eight points at a time, one per vector lane.
/// </summary>
/// <remarks>
/// Layout as in <see cref="BallInCube.CubePointNorms"/>: a block of eight points takes ceil(D/4) generator steps, step s
/// giving coordinates 4s to 4s+3; the query's coordinate is broadcast to all lanes. Drawn and summed in registers; the
/// scalar fallback reads the same words with the same fused multiply-adds, so both paths give the same bits.
/// </remarks>
public sealed class QueryDistances(double[] query)
{
    public const int PointsPerBlock = 8;

    private ulong[]? _words;

    /// <summary>Fills <paramref name="squaredDistances"/>, whose length must be a multiple of <see cref="PointsPerBlock"/>.</summary>
    public void Fill(Xoshiro256Lanes random, Span<double> squaredDistances) => Fill(random, squaredDistances, Vector512.IsHardwareAccelerated);

    internal void Fill(Xoshiro256Lanes random, Span<double> squaredDistances, bool fused)
    {
        if (squaredDistances.Length % PointsPerBlock != 0) throw new ArgumentException("length must be a multiple of 8", nameof(squaredDistances));
        for (var block = 0; block < squaredDistances.Length; block += PointsPerBlock)
        {
            var distances = squaredDistances.Slice(block, PointsPerBlock);
            if (fused) random.Consume((query.Length + 3) / 4, new Sums { Query = query }).Total.CopyTo(distances);
            else ScalarBlock(random, distances);
        }
    }

    // Reads the block's words a slice of steps at a time (memory O(1) in D), each lane summing in coordinate order.
    private void ScalarBlock(Xoshiro256Lanes random, Span<double> squaredDistances)
    {
        const int StepsPerSlice = 64;
        var words = _words ??= new ulong[Xoshiro256Lanes.Lanes * StepsPerSlice];
        squaredDistances.Clear();
        var steps = (query.Length + 3) / 4;
        for (var first = 0; first < steps; first += StepsPerSlice)
        {
            var count = Math.Min(StepsPerSlice, steps - first);
            random.FillBits(words.AsSpan(0, count * Xoshiro256Lanes.Lanes));
            for (var lane = 0; lane < PointsPerBlock; lane++)
            {
                for (var step = 0; step < count; step++)
                {
                    for (var quarter = 0; quarter < 4 && 4 * (first + step) + quarter < query.Length; quarter++)
                    {
                        var e = Coordinate(words[Xoshiro256Lanes.Lanes * step + 8 * quarter + lane]) - query[4 * (first + step) + quarter];
                        squaredDistances[lane] = Math.FusedMultiplyAdd(e, e, squaredDistances[lane]);
                    }
                }
            }
        }
    }

    private static double Coordinate(ulong word) => BitConverter.UInt64BitsToDouble((word >> 12) | 0x3FF0000000000000UL) - 1.0;

    private struct Sums : ILaneConsumer
    {
        public Vector512<double> Total;
        public double[] Query;
        public int Next;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Take(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d)
        {
            Add(a);
            if (Next == Query.Length) return;
            Add(b);
            if (Next == Query.Length) return;
            Add(c);
            if (Next == Query.Length) return;
            Add(d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(Vector512<ulong> words)
        {
            var e = (((words >>> 12) | Vector512.Create(0x3FF0000000000000UL)).AsDouble() - Vector512<double>.One) - Vector512.Create(Query[Next++]);
            Total = Vector512.FusedMultiplyAdd(e, e, Total);
        }
    }
}
