using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary>
/// Drops points uniform in [0, 1]^D into a grid of b^D cells and counts the occupied cells.
/// Memory: one table entry per point (bounded by the points cap) plus one chunk of coordinates; never b^D.
/// </summary>
public static class GridOccupancySampler
{
    public static GridOccupancyEstimate Sample(GridOccupancySettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        var perChunk = ChunkSize.For(d, settings.Points);
        var words = new ulong[perChunk * d];
        var random = new Xoshiro256Lanes(seed);
        var hash = new CellHash(seed);
        var table = new CellTable(settings.Points);
        var meter = new ProgressMeter(settings.Points, cancellation, progress);
        var bins = (ulong)settings.Bins;

        for (long done = 0; done < settings.Points;)
        {
            var n = (int)Math.Min(perChunk, settings.Points - done);
            var chunk = words.AsSpan(0, n * d);
            random.FillBits(chunk);
            for (var p = 0; p < n; p++)
            {
                var (first, second) = hash.Of(chunk.Slice(p * d, d), bins);
                table.Add(first, second);
            }
            done += n;
            meter.Advance(done);
        }
        meter.Finish();
        return new GridOccupancyEstimate(d, settings.Bins, settings.Points, table.OccupiedCells, table.LoneCells);
    }
}
