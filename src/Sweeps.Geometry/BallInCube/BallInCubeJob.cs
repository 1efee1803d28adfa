using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.BallInCube;

/// <summary><c>geometry.ball-in-cube</c>: spiky cubes; the inscribed ball holds a vanishing share of the volume.</summary>
public sealed class BallInCubeJob : IJob
{
    public const string Kind = "geometry.ball-in-cube";
    public const long DefaultSamples = 1_000_000;

    public static JobDefinition Definition { get; } = new(
        Kind,
        "Share of points uniform in the unit cube that fall inside its inscribed ball, against pi^(D/2) / Gamma(D/2 + 1) / 2^D.",
        [
            JobParameter.Integer("dimension", "dimension of the cube").Within(1, ParameterCheck.MaxDimension),
            JobParameter.Integer("samples", "points to draw", DefaultSamples).Within(1, ParameterCheck.MaxSamples, ParameterCheck.SamplesReason),
        ],
        ["fraction", "stderr", "exact", "hits", "inner_ball_diameter", "samples", "fraction_upper95"],
        () => new BallInCubeJob())
    {
        CheckPoint = p => SettingsFrom(p),
    };

    /// <summary>The trial's settings, checked: the same reading serves the spec's check and the run.</summary>
    public static BallInCubeSettings SettingsFrom(TrialParameters p) => new BallInCubeSettings(p.GetInteger("dimension"), p.GetInteger("samples", DefaultSamples));

    public JobResult Run(JobContext context)
    {
        var settings = SettingsFrom(context.Parameters);
        var estimate = BallInCubeSampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        return JobResult.Of(
            ("fraction", estimate.Inside.Fraction),
            ("stderr", estimate.Inside.StandardError),
            ("exact", estimate.Exact),
            ("hits", estimate.Inside.Hits),
            ("inner_ball_diameter", estimate.InnerBallDiameter),
            ("samples", estimate.Inside.Trials),
            ("fraction_upper95", estimate.Inside.Upper95));
    }
}
