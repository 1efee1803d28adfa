using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Geometry.Angles;

/// <summary>
/// Accumulates angles (in radians) into what the job reports: sums around 90 degrees, the count within 5 degrees
/// of 90, and a histogram over [0, 180]. Vector512 for the sums where available; the histogram is scalar.
/// </summary>
internal sealed class AngleTally(int bins)
{
    private const double DegreesPerRadian = 180 / Math.PI;

    public long[] Histogram { get; } = new long[bins];
    public long Count { get; private set; }
    public double Sum { get; private set; }
    public double SumOfSquares { get; private set; }
    public long Near90 { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> radians)
    {
        var binsPerDegree = Histogram.Length / 180.0;
        var lastBin = Histogram.Length - 1;
        // Eight running sums, one per lane, combined in a fixed order: the vector and scalar paths give the same bits.
        Span<double> sums = stackalloc double[8], squares = stackalloc double[8];
        long near = 0;
        var full = radians.Length & ~7;
        if (Vector512.IsHardwareAccelerated)
        {
            ref var r = ref MemoryMarshal.GetReference(radians);
            Vector512<double> vSum = default, vSquares = default, vNear = default;
            var toDegrees = Vector512.Create(DegreesPerRadian);
            var toBins = Vector512.Create(binsPerDegree);
            var lastBins = Vector512.Create((long)lastBin);
            var histogram = Histogram;
            Span<long> binIndices = stackalloc long[8];
            for (var i = 0; i < full; i += 8)
            {
                var degrees = Vector512.LoadUnsafe(ref r, (nuint)i) * toDegrees;
                var offset = degrees - Vector512.Create(90.0);
                vSum += offset;
                vSquares = Vector512.FusedMultiplyAdd(offset, offset, vSquares);
                vNear += Vector512.ConditionalSelect(Vector512.LessThanOrEqual(Vector512.Abs(offset), Vector512.Create(5.0)), Vector512<double>.One, Vector512<double>.Zero);
                // Floor first: the conversion alone may round to nearest rather than truncate.
                Vector512.Min(Vector512.ConvertToInt64(Vector512.Floor(degrees * toBins)), lastBins).CopyTo(binIndices);
                for (var lane = 0; lane < 8; lane++) histogram[(int)binIndices[lane]]++;
            }
            vSum.CopyTo(sums);
            vSquares.CopyTo(squares);
            near = (long)Vector512.Sum(vNear);
        }
        else
        {
            sums.Clear();
            squares.Clear();
            for (var i = 0; i < full; i++)
            {
                var degrees = radians[i] * DegreesPerRadian;
                var offset = degrees - 90;
                sums[i & 7] += offset;
                squares[i & 7] = Math.FusedMultiplyAdd(offset, offset, squares[i & 7]);
                if (Math.Abs(offset) <= 5) near++;
                Histogram[Math.Min((int)(degrees * binsPerDegree), lastBin)]++;
            }
        }
        var sum = Combine(sums);
        var sumOfSquares = Combine(squares);
        for (var i = full; i < radians.Length; i++)
        {
            var degrees = radians[i] * DegreesPerRadian;
            var offset = degrees - 90;
            sum += offset;
            sumOfSquares += offset * offset;
            if (Math.Abs(offset) <= 5) near++;
            Histogram[Math.Min((int)(degrees * binsPerDegree), lastBin)]++;
        }
        Count += radians.Length;
        Sum += sum;
        SumOfSquares += sumOfSquares;
        Near90 += near;
    }

    private static double Combine(ReadOnlySpan<double> lanes) =>
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}
