using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary>
/// Drops points uniform in [0, 1]^D into a grid of b^D cells and counts the occupied cells.
/// Memory: one table entry per point (bounded by the points cap), 2 D hash keys and one chunk of words; never b^D.
/// </summary>
public static class GridOccupancySampler
{
    public static GridOccupancyEstimate Sample(GridOccupancySettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        // About 32k coordinates per chunk, in whole blocks of eight points; the last block's unused points are dropped.
        var perChunk = CellHashes.PointsPerBlock * (int)Math.Min(Math.Max(1, 4096 / d), (settings.Points + 7) / 8);
        var first = new ulong[perChunk];
        var second = new ulong[perChunk];
        var random = new Xoshiro256Lanes(seed);
        var hashes = new CellHashes(d, settings.Bins, seed);
        var table = new CellTable(settings.Points);
        var meter = new ProgressMeter(settings.Points, cancellation, progress);

        for (long done = 0; done < settings.Points;)
        {
            var n = (int)Math.Min(perChunk, settings.Points - done);
            var blockPoints = (n + 7) / 8 * 8;
            hashes.Next(random, first.AsSpan(0, blockPoints), second.AsSpan(0, blockPoints));
            for (var p = 0; p < n; p++) table.Add(first[p], second[p]);
            done += n;
            meter.Advance(done);
        }
        meter.Finish();
        return new GridOccupancyEstimate(d, settings.Bins, settings.Points, table.OccupiedCells, table.LoneCells);
    }
}
