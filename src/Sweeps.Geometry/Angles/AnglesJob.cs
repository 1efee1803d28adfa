using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.Angles;

/// <summary><c>geometry.angles</c>: random directions in high dimension are almost orthogonal.</summary>
public sealed class AnglesJob : IJob
{
    public const string Kind = "geometry.angles";
    public const long DefaultPairs = 100_000;
    public const long DefaultBins = 180;

    public static JobDefinition Definition { get; } = new(
        Kind,
        "Angles between pairs of random vectors in [-1, 1]^D: mean 90 degrees, spread shrinking like (180/pi)/sqrt(D).",
        [
            JobParameter.Integer("dimension", "number of coordinates of each vector").Within(1, ParameterCheck.MaxDimension),
            JobParameter.Integer("pairs", "pairs of vectors to draw", DefaultPairs).Within(1, ParameterCheck.MaxSamples, ParameterCheck.SamplesReason),
            JobParameter.Integer("bins", "histogram bins over 0..180 degrees", DefaultBins)
                .Within(1, AngleSettings.MaxBins, "the histogram travels in one result message"),
        ],
        ["mean_deg", "std_deg", "within_5deg_of_90", "pairs", "mean_stderr", "std_deg_asymptotic", "within_5deg_of_90_stderr"],
        () => new AnglesJob())
    {
        CheckPoint = p => SettingsFrom(p),
    };

    /// <summary>The trial's settings, checked: the same reading serves the spec's check and the run.</summary>
    public static AngleSettings SettingsFrom(TrialParameters p) => new AngleSettings(p.GetInteger("dimension"), p.GetInteger("pairs", DefaultPairs), p.GetInteger("bins", DefaultBins));

    public JobResult Run(JobContext context)
    {
        var settings = SettingsFrom(context.Parameters);
        var estimate = AngleSampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        var metrics = new Dictionary<string, double>
        {
            ["mean_deg"] = estimate.MeanDegrees,
            ["std_deg"] = estimate.StdDegrees,
            ["within_5deg_of_90"] = estimate.Within5DegreesOf90.Fraction,
            ["pairs"] = estimate.Pairs,
            ["mean_stderr"] = estimate.MeanStandardError,
            ["std_deg_asymptotic"] = estimate.AsymptoticStdDegrees,
            ["within_5deg_of_90_stderr"] = estimate.Within5DegreesOf90.StandardError,
        };
        return new JobResult(metrics, new Dictionary<string, double[]> { ["histogram"] = estimate.Histogram });
    }
}
