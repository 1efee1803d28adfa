using System.Numerics.Tensors;
using Sweeps.Geometry.Kernels;
using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.Angles;

/// <summary>
/// Draws pairs of vectors with coordinates uniform in [-1, 1]^D and measures the angle between them.
/// Streams in chunks of about 4096 coordinates; memory is O(D + bins) whatever the number of pairs.
/// </summary>
public static class AngleSampler
{
    private const double DegreesPerRadian = 180 / Math.PI;

    public static AngleEstimate Sample(AngleSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        var perChunk = ChunkSize.For(2L * d, settings.Pairs);
        var coordinates = new double[perChunk * 2 * d];
        var cosines = new double[perChunk];
        var radians = new double[perChunk];
        var histogram = new long[settings.Bins];
        var binsPerDegree = settings.Bins / 180.0;
        var random = new Xoshiro256Lanes(seed);
        var moments = new CenteredMoments(90);
        long near90 = 0;
        var meter = new ProgressMeter(settings.Pairs, cancellation, progress);

        for (long done = 0; done < settings.Pairs;)
        {
            var n = (int)Math.Min(perChunk, settings.Pairs - done);
            var chunk = coordinates.AsSpan(0, n * 2 * d);
            random.FillSigned(chunk);
            for (var p = 0; p < n; p++)
            {
                var x = chunk.Slice(2 * d * p, d);
                var y = chunk.Slice(2 * d * p + d, d);
                var (dot, xx, yy) = Reductions.DotAndNorms(x, y);
                var norms = Math.Sqrt(xx * yy);
                // A zero vector (probability 2^-51 per coordinate) counts as orthogonal to everything.
                cosines[p] = norms > 0 ? Math.Clamp(dot / norms, -1, 1) : 0;
            }
            TensorPrimitives.Acos(cosines.AsSpan(0, n), radians.AsSpan(0, n));

            double sum = 0, sumOfSquares = 0;
            for (var p = 0; p < n; p++)
            {
                var degrees = radians[p] * DegreesPerRadian;
                var offset = degrees - 90;
                sum += offset;
                sumOfSquares += offset * offset;
                if (Math.Abs(offset) <= 5) near90++;
                histogram[Math.Min((int)(degrees * binsPerDegree), settings.Bins - 1)]++;
            }
            moments.AddSums(n, sum, sumOfSquares);
            done += n;
            meter.Advance(done);
        }
        meter.Finish();

        return new AngleEstimate(
            d,
            settings.Pairs,
            moments.Mean,
            moments.StandardDeviation,
            moments.StandardError,
            new Proportion(near90, settings.Pairs),
            Array.ConvertAll(histogram, c => (double)c));
    }
}
