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
        var words = new ulong[Math.Max(perTrainChunk, ChunkSize.For(d, settings.Test))];
        for (var drawn = 0; drawn < settings.Train;)
        {
            var n = Math.Min(perTrainChunk, settings.Train - drawn);
            LabelledPoints.Draw(random, settings, trainCoordinates.AsSpan(drawn * d, n * d), trainLabels.AsSpan(drawn, n), words);
            drawn += n;
            meter.Advance(drawn);
        }

        var perChunk = ChunkSize.For(d, settings.Test);
        var testCoordinates = new double[perChunk * d];
        var testLabels = new bool[perChunk];
        var neighbours = new NearestNeighbours(settings.K);
        long correct = 0;

        for (long done = 0; done < settings.Test;)
        {
            var n = (int)Math.Min(perChunk, settings.Test - done);
            LabelledPoints.Draw(random, settings, testCoordinates.AsSpan(0, n * d), testLabels.AsSpan(0, n), words);
            for (var p = 0; p < n; p++)
            {
                var point = testCoordinates.AsSpan(p * d, d);
                neighbours.Clear();
                for (var t = 0; t < settings.Train; t++)
                    neighbours.Offer(Reductions.SquaredDistance(trainCoordinates.AsSpan(t * d, d), point), trainLabels[t]);
                if (neighbours.Vote() == testLabels[p]) correct++;
                meter.Advance((double)(done + p + 2) * settings.Train);
            }
            done += n;
        }
        meter.Finish();
        return new KnnEstimate(settings, new Proportion(correct, settings.Test));
    }
}
