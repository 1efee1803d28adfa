using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Knn;

/// <summary>Draws labelled points of the two-class problem into caller-owned buffers.</summary>
internal static class LabelledPoints
{
    /// <summary>Labels from the top bit of random words; coordinates N(0, 1), shifted by +-separation in the informative ones.</summary>
    public static void Draw(Xoshiro256Lanes random, KnnSettings settings, Span<double> coordinates, Span<bool> labels, Span<ulong> words)
    {
        var d = settings.Dimension;
        random.FillBits(words[..labels.Length]);
        random.FillGaussian(coordinates);
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = words[i] >> 63 != 0;
            var shift = labels[i] ? settings.Separation : -settings.Separation;
            var point = coordinates.Slice(i * d, settings.Informative);
            for (var j = 0; j < point.Length; j++) point[j] += shift;
        }
    }
}
