using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.BallInCube;

/// <summary>
/// Draws points uniform in [-1/2, 1/2]^D and counts those within 1/2 of the centre. Streams in register-resident blocks
/// of eight points (<see cref="CubePointNorms"/>); memory is one chunk of squared norms whatever the number of samples.
/// </summary>
public static class BallInCubeSampler
{
    public static BallInCubeEstimate Sample(BallInCubeSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        // About 32k coordinates per chunk, in whole blocks of eight points; the last block's unused points are dropped.
        var perChunk = CubePointNorms.PointsPerBlock * (int)Math.Min(Math.Max(1, 4096 / d), (settings.Samples + 7) / 8);
        var points = new CubePointNorms(d);
        var squaredNorms = new double[perChunk];
        var random = new Xoshiro256Lanes(seed);
        var meter = new ProgressMeter(settings.Samples, cancellation, progress);
        long hits = 0;

        for (long done = 0; done < settings.Samples;)
        {
            var n = (int)Math.Min(perChunk, settings.Samples - done);
            points.Fill(random, squaredNorms.AsSpan(0, (n + 7) / 8 * 8));
            for (var p = 0; p < n; p++)
            {
                if (squaredNorms[p] <= 0.25) hits++;
            }
            done += n;
            meter.Advance(done);
        }
        meter.Finish();
        return new BallInCubeEstimate(d, new Proportion(hits, settings.Samples));
    }
}
