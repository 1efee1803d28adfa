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
        LabelledPoints.Draw(random, settings, trainCoordinates, trainLabels, new ulong[settings.Train]);
        cancellation.ThrowIfCancellationRequested();

        var perChunk = ChunkSize.For(d, settings.Test);
        var testCoordinates = new double[perChunk * d];
        var testLabels = new bool[perChunk];
        var words = new ulong[perChunk];
        var neighbours = new NearestNeighbours(settings.K);
        var meter = new ProgressMeter((double)settings.Test * settings.Train, cancellation, progress);
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
                if ((p & 15) == 15) meter.Advance((double)(done + p) * settings.Train);
            }
            done += n;
            meter.Advance((double)done * settings.Train);
        }
        meter.Finish();
        return new KnnEstimate(settings, new Proportion(correct, settings.Test));
    }
}
