using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.DistanceConcentration;

/// <summary><c>geometry.distance-concentration</c>: nearest and farthest neighbours become alike (Beyer et al. 1999).</summary>
public sealed class DistanceConcentrationJob : IJob
{
    public const string Kind = "geometry.distance-concentration";
    public const long DefaultPoints = 1000;
    public const long DefaultQueries = 100;

    public static JobDefinition Definition { get; } = new(
        Kind,
        "Relative contrast (d_max - d_min) / d_min between a random query and N uniform points in [0, 1]^D; shrinks towards 0 as D grows.",
        [
            JobParameter.Integer("dimension", "dimension of the unit cube").Within(1, ParameterCheck.MaxDimension),
            JobParameter.Integer("points", "points each query is compared with", DefaultPoints)
                .Within(2, ParameterCheck.MaxSamples, "a contrast needs a nearest and a farthest point"),
            JobParameter.Integer("queries", "random queries, each with its own points", DefaultQueries)
                .Within(2, ParameterCheck.MaxSamples, "a standard error needs two queries"),
        ],
        ["relative_contrast", "stderr", "log10_relative_contrast", "log10_stderr", "queries", "points", "degenerate_queries"],
        () => new DistanceConcentrationJob())
    {
        CheckPoint = p => SettingsFrom(p),
    };

    /// <summary>The trial's settings, checked: the same reading serves the spec's check and the run.</summary>
    public static DistanceConcentrationSettings SettingsFrom(TrialParameters p) => new DistanceConcentrationSettings(p.GetInteger("dimension"), p.GetInteger("points", DefaultPoints), p.GetInteger("queries", DefaultQueries));

    public JobResult Run(JobContext context)
    {
        var settings = SettingsFrom(context.Parameters);
        var estimate = DistanceConcentrationSampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        return JobResult.Of(
            ("relative_contrast", estimate.RelativeContrast),
            ("stderr", estimate.StandardError),
            ("log10_relative_contrast", estimate.Log10RelativeContrast),
            ("log10_stderr", estimate.Log10StandardError),
            ("queries", estimate.Queries),
            ("points", estimate.Points),
            ("degenerate_queries", estimate.DegenerateQueries));
    }
}
