using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.ShellFraction;

/// <summary><c>geometry.shell-fraction</c>: empty M&amp;M's; in high dimension the volume lives in the skin.</summary>
public sealed class ShellFractionJob : IJob
{
    public const string Kind = "geometry.shell-fraction";
    public const double DefaultEpsilon = 0.01;
    public const long DefaultSamples = 200_000;

    public static JobDefinition Definition { get; } = new(
        Kind,
        "Share of points uniform in the unit D-ball that lie within epsilon of its surface, against 1 - (1 - epsilon)^D.",
        [
            JobParameter.Integer("dimension", "dimension of the ball").Within(1, ParameterCheck.MaxDimension),
            JobParameter.Real("epsilon", "thickness of the shell, strictly between 0 and 1", DefaultEpsilon).Above(0, 1, maxExclusive: true),
            JobParameter.Integer("samples", "points to draw", DefaultSamples).Within(1, ParameterCheck.MaxSamples, ParameterCheck.SamplesReason),
        ],
        ["fraction", "stderr", "exact", "samples", "hits", "fraction_upper95"],
        () => new ShellFractionJob())
    {
        CheckPoint = p => SettingsFrom(p),
    };

    /// <summary>The trial's settings, checked: the same reading serves the spec's check and the run.</summary>
    public static ShellFractionSettings SettingsFrom(TrialParameters p) => new ShellFractionSettings(p.GetInteger("dimension"), p.GetReal("epsilon", DefaultEpsilon), p.GetInteger("samples", DefaultSamples));

    public JobResult Run(JobContext context)
    {
        var settings = SettingsFrom(context.Parameters);
        var estimate = ShellFractionSampler.Sample(settings, context.Seed, context.Cancellation, f => context.Progress.Report(f));
        return JobResult.Of(
            ("fraction", estimate.InShell.Fraction),
            ("stderr", estimate.InShell.StandardError),
            ("exact", estimate.Exact),
            ("samples", estimate.InShell.Trials),
            ("hits", estimate.InShell.Hits),
            ("fraction_upper95", estimate.InShell.Upper95));
    }
}
