using Sweeps.Geometry.Kernels;
using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.Knn;

/// <summary>
/// Draws a training set (held, train x dimension coordinates, capped), then streams test points past it and
/// counts correct k-nearest-neighbour votes. Memory is the training set plus one chunk of test points.
/// </summary>
public static class KnnSampler
{
    public static KnnEstimate Sample(KnnSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        var random = new Xoshiro256Lanes(seed);
        var trainCoordinates = new double[settings.Train * d];
        var trainLabels = new bool[settings.Train];
        // Drawing the training set counts as one test point's worth of work per training point.
        var meter = new ProgressMeter((double)(settings.Test + 1) * settings.Train, cancellation, progress);
        var perTrainChunk = ChunkSize.For(d, settings.Train);
        var words = new ulong[perTrainChunk];
        for (var drawn = 0; drawn < settings.Train;)
        {
            var n = Math.Min(perTrainChunk, settings.Train - drawn);
            LabelledPoints.Draw(random, settings, trainCoordinates.AsSpan(drawn * d, n * d), trainLabels.AsSpan(drawn, n), words);
            drawn += n;
            meter.Advance(drawn);
        }

        // Up to 16 test points a chunk (16 MB at most): each training point is then read once per 16 test points, from cache,
        // instead of streaming the whole training set from memory for every test point.
        var perChunk = (int)Math.Min(Math.Max(Math.Max(1, Math.Min(16, (1 << 21) / d)), 4096 / d), settings.Test);
        var testCoordinates = new double[perChunk * d];
        var testLabels = new bool[perChunk];
        var neighbours = new NearestNeighbours[perChunk];
        for (var p = 0; p < perChunk; p++) neighbours[p] = new NearestNeighbours(settings.K);
        if (words.Length < perChunk) words = new ulong[perChunk];
        long correct = 0;

        for (long done = 0; done < settings.Test;)
        {
            var n = (int)Math.Min(perChunk, settings.Test - done);
            LabelledPoints.Draw(random, settings, testCoordinates.AsSpan(0, n * d), testLabels.AsSpan(0, n), words);
            for (var p = 0; p < n; p++) neighbours[p].Clear();
            for (var t = 0; t < settings.Train; t++)
            {
                var trainPoint = trainCoordinates.AsSpan(t * d, d);
                for (var p = 0; p < n; p++)
                    neighbours[p].Offer(Reductions.SquaredDistance(trainPoint, testCoordinates.AsSpan(p * d, d)), trainLabels[t]);
                if ((t & 63) == 63) meter.Advance((done + 1 + (double)n * t / settings.Train) * settings.Train);
            }
            for (var p = 0; p < n; p++)
                if (neighbours[p].Vote() == testLabels[p]) correct++;
            done += n;
            meter.Advance((double)(done + 1) * settings.Train);
        }
        meter.Finish();
        return new KnnEstimate(settings, new Proportion(correct, settings.Test));
    }
}
