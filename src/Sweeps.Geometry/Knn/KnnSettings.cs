using System.Globalization;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.Knn;

/// <summary>
/// Two Gaussian classes whose means differ only in the first <see cref="Informative"/> coordinates (by +-separation each),
/// padded with pure-noise coordinates up to <see cref="Dimension"/>; a k-nearest-neighbour vote classifies test points.
/// </summary>
public sealed record KnnSettings
{
    /// <summary>The training set is held in memory: 25 million coordinates are 200 MB.</summary>
    public const long MaxTrainingCoordinates = 25_000_000;

    public KnnSettings(long dimension, long informative, long train, long test, long k, double separation = 1.5)
    {
        Dimension = ParameterCheck.Dimension(dimension);
        Informative = (int)ParameterCheck.InRange("informative", informative, 1, Dimension, $"at most dimension, which is {Dimension}");
        Train = (int)ParameterCheck.InRange("train", train, 1, MaxTrainingCoordinates / Dimension,
            $"the training set is held in memory: train x dimension at most {MaxTrainingCoordinates}");
        Test = ParameterCheck.InRange("test", test, 1, ParameterCheck.MaxSamples / Train, $"train x test at most {ParameterCheck.MaxSamples}; {ParameterCheck.SamplesReason}");
        K = (int)ParameterCheck.InRange("k", k, 1, Train, $"at most train, which is {Train}");
        if (!(separation > 0 && separation <= 100))
            throw new JobParameterException("separation", string.Create(CultureInfo.InvariantCulture, $"must be above 0 and at most 100, got {separation}"));
        Separation = separation;
    }

    public int Dimension { get; }
    public int Informative { get; }
    public int Train { get; }
    public long Test { get; }
    public int K { get; }
    public double Separation { get; }
}
