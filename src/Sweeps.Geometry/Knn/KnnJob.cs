using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

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
            JobParameter.Integer("dimension", "total coordinates: informative plus noise").Within(1, ParameterCheck.MaxDimension),
            JobParameter.Integer("informative", "coordinates in which the class means differ", DefaultInformative)
                .Within(1, ParameterCheck.MaxDimension, "at most dimension"),
            JobParameter.Integer("train", "training points", DefaultTrain)
                .Within(1, KnnSettings.MaxTrainingCoordinates, "the training set is held in memory"),
            JobParameter.Integer("test", "test points", DefaultTest).Within(1, ParameterCheck.MaxSamples, ParameterCheck.SamplesReason),
            JobParameter.Integer("k", "neighbours that vote", DefaultK).Within(1, KnnSettings.MaxTrainingCoordinates, "at most train"),
            JobParameter.Real("separation", "distance of each class mean from 0 in every informative coordinate, in noise standard deviations", DefaultSeparation)
                .Above(0, 100),
        ],
        ["accuracy", "stderr", "chance", "bayes_accuracy", "test"],
        () => new KnnJob())
    {
        CheckPoint = p => SettingsFrom(p),
    };

    /// <summary>The trial's settings, checked: the same reading serves the spec's check and the run.</summary>
    public static KnnSettings SettingsFrom(TrialParameters p) => new(
        p.GetInteger("dimension"), p.GetInteger("informative", DefaultInformative), p.GetInteger("train", DefaultTrain),
        p.GetInteger("test", DefaultTest), p.GetInteger("k", DefaultK), p.GetReal("separation", DefaultSeparation));

    public JobResult Run(JobContext context)
    {
        var settings = SettingsFrom(context.Parameters);
        var estimate = KnnSampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        return JobResult.Of(
            ("accuracy", estimate.Correct.Fraction),
            ("stderr", estimate.Correct.StandardError),
            ("chance", KnnEstimate.Chance),
            ("bayes_accuracy", estimate.BayesAccuracy),
            ("test", estimate.Correct.Trials));
    }
}
