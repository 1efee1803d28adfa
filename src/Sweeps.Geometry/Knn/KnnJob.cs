using Sweeps.Core.Jobs;

namespace Sweeps.Geometry.Knn;

/// <summary><c>geometry.knn</c>: k-nearest-neighbour accuracy falls towards chance as useless features are added.</summary>
public sealed class KnnJob : IJob
{
    public const string Kind = "geometry.knn";
    public const long DefaultInformative = 2;
    public const long DefaultTrain = 200;
    public const long DefaultTest = 1000;
    public const long DefaultK = 5;
    public const double DefaultSeparation = 1.5;

    public static JobDefinition Definition { get; } = new(
        Kind,
        "Accuracy of a k-nearest-neighbour vote on two Gaussian classes separable in a few informative coordinates, padded with noise up to D.",
        [
            JobParameter.Integer("dimension", "total coordinates: informative plus noise"),
            JobParameter.Integer("informative", "coordinates in which the class means differ", DefaultInformative),
            JobParameter.Integer("train", "training points", DefaultTrain),
            JobParameter.Integer("test", "test points", DefaultTest),
            JobParameter.Integer("k", "neighbours that vote", DefaultK),
            JobParameter.Real("separation", "distance of each class mean from 0 in every informative coordinate, in noise standard deviations", DefaultSeparation),
        ],
        ["accuracy", "stderr", "chance", "bayes_accuracy", "test"],
        () => new KnnJob());

    public JobResult Run(JobContext context)
    {
        var p = context.Parameters;
        var settings = new KnnSettings(
            p.GetInteger("dimension"), p.GetInteger("informative", DefaultInformative), p.GetInteger("train", DefaultTrain),
            p.GetInteger("test", DefaultTest), p.GetInteger("k", DefaultK), p.GetReal("separation", DefaultSeparation));
        var estimate = KnnSampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        return JobResult.Of(
            ("accuracy", estimate.Correct.Fraction),
            ("stderr", estimate.Correct.StandardError),
            ("chance", KnnEstimate.Chance),
            ("bayes_accuracy", estimate.BayesAccuracy),
            ("test", estimate.Correct.Trials));
    }
}
