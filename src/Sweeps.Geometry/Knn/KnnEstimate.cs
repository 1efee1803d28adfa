using MathNet.Numerics.Distributions;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.Knn;

/// <summary>Test accuracy of the k-nearest-neighbour vote, beside chance and the best any classifier could do.</summary>
public sealed record KnnEstimate(KnnSettings Settings, Proportion Correct)
{
    /// <summary>Balanced classes: guessing is right half the time.</summary>
    public const double Chance = 0.5;

    /// <summary>The Bayes classifier's accuracy: the means are 2 s sqrt(informative) apart in unit-variance noise, so Phi(s sqrt(informative)).</summary>
    public double BayesAccuracy => Normal.CDF(0, 1, Settings.Separation * Math.Sqrt(Settings.Informative));
}
