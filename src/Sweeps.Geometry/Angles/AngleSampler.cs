using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.Angles;

/// <summary>
/// Draws pairs of vectors with coordinates uniform in [-1, 1]^D and measures the angle between them.
/// Streams in chunks of about 32k coordinates, drawn and reduced in registers (<see cref="PairCosines"/>);
/// memory is O(bins + chunk) whatever the number of pairs.
/// </summary>
public static class AngleSampler
{
    public static AngleEstimate Sample(AngleSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        // About 32k coordinates per chunk, in whole blocks of eight pairs; the last block's unused pairs are dropped.
        var perChunk = PairCosines.PairsPerBlock * (int)Math.Min(Math.Max(1, 2048 / d), (settings.Pairs + 7) / 8);
        var pairCosines = new PairCosines(d);
        var cosines = new double[perChunk];
        var radians = new double[perChunk];
        var tally = new AngleTally(settings.Bins);
        var random = new Xoshiro256Lanes(seed);
        var meter = new ProgressMeter(settings.Pairs, cancellation, progress);

        for (long done = 0; done < settings.Pairs;)
        {
            var n = (int)Math.Min(perChunk, settings.Pairs - done);
            var blocks = (n + PairCosines.PairsPerBlock - 1) / PairCosines.PairsPerBlock;
            pairCosines.Fill(random, cosines.AsSpan(0, blocks * PairCosines.PairsPerBlock));
            Arccosine.Apply(cosines.AsSpan(0, n), radians.AsSpan(0, n));
            tally.Add(radians.AsSpan(0, n));
            done += n;
            meter.Advance(done);
        }
        meter.Finish();

        var moments = new CenteredMoments(90);
        moments.AddSums(tally.Count, tally.Sum, tally.SumOfSquares);
        return new AngleEstimate(
            d,
            settings.Pairs,
            moments.Mean,
            moments.StandardDeviation,
            moments.StandardError,
            new Proportion(tally.Near90, settings.Pairs),
            Array.ConvertAll(tally.Histogram, c => (double)c));
    }
}
