using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.DistanceConcentration;

/// <summary>
/// For each query, a fresh query point and N fresh points uniform in [0, 1]^D stream past, eight to a register block
/// (<see cref="QueryDistances"/>); only the nearest and farthest
/// distances are kept. Fresh points per query make the queries independent (so the standard error is honest) and keep memory O(D).
/// </summary>
public static class DistanceConcentrationSampler
{
    public static DistanceConcentrationEstimate Sample(DistanceConcentrationSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        // About 32k coordinates per chunk, in whole blocks of eight points; a query's last block drops its unused points.
        var perChunk = QueryDistances.PointsPerBlock * (int)Math.Min(Math.Max(1, 4096 / d), (settings.Points + 7) / 8);
        var squaredDistances = new double[perChunk];
        var query = new double[d];
        var distances = new QueryDistances(query);
        var random = new Xoshiro256Lanes(seed);
        var meter = new ProgressMeter((double)settings.Points * settings.Queries, cancellation, progress);
        var contrast = new RunningMoments();
        var logContrast = new RunningMoments();
        long degenerate = 0;

        for (long q = 0; q < settings.Queries; q++)
        {
            random.FillUnit(query);
            double nearest = double.PositiveInfinity, farthest = 0;
            for (long done = 0; done < settings.Points;)
            {
                var n = (int)Math.Min(perChunk, settings.Points - done);
                distances.Fill(random, squaredDistances.AsSpan(0, (n + 7) / 8 * 8));
                for (var p = 0; p < n; p++)
                {
                    nearest = Math.Min(nearest, squaredDistances[p]);
                    farthest = Math.Max(farthest, squaredDistances[p]);
                }
                done += n;
                meter.Advance((double)q * settings.Points + done);
            }
            if (nearest == 0) { degenerate++; continue; }
            var dMin = Math.Sqrt(nearest);
            var value = (Math.Sqrt(farthest) - dMin) / dMin;
            contrast.Add(value);
            logContrast.Add(Math.Log10(Math.Max(value, double.Epsilon)));
        }
        meter.Finish();
        return new DistanceConcentrationEstimate(
            d, settings.Points, settings.Queries,
            contrast.Mean, contrast.StandardError, logContrast.Mean, logContrast.StandardError, degenerate);
    }
}
