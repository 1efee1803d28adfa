using Sweeps.Geometry.Kernels;
using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.BallInCube;

/// <summary>Draws points uniform in [-1/2, 1/2]^D and counts those within 1/2 of the centre. Streams; memory O(D).</summary>
public static class BallInCubeSampler
{
    public static BallInCubeEstimate Sample(BallInCubeSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        var perChunk = ChunkSize.For(d, settings.Samples);
        var coordinates = new double[perChunk * d];
        var random = new Xoshiro256Lanes(seed);
        var meter = new ProgressMeter(settings.Samples, cancellation, progress);
        long hits = 0;

        for (long done = 0; done < settings.Samples;)
        {
            var n = (int)Math.Min(perChunk, settings.Samples - done);
            var chunk = coordinates.AsSpan(0, n * d);
            random.FillCentered(chunk);
            for (var p = 0; p < n; p++)
            {
                if (Reductions.SumOfSquares(chunk.Slice(p * d, d)) <= 0.25) hits++;
            }
            done += n;
            meter.Advance(done);
        }
        meter.Finish();
        return new BallInCubeEstimate(d, new Proportion(hits, settings.Samples));
    }
}
