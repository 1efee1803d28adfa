namespace Sweeps.Core.Jobs;

/// <summary>What a trial produced: named metrics and optional small named series (a histogram, a loss curve).</summary>
/// <remarks>Keep series small (hundreds of values): results travel between machines in one message.</remarks>
/// <param name="Details">
/// Short facts about how the trial ran, stored with it and shown by <c>status</c> (the command line as run, where its
/// output was kept); not metrics. Keep them short: a few lines each.
/// </param>
/// <param name="Metrics">The trial's result, by metric name (the last value of each, for a training).</param>
/// <param name="Series">Small named series (a loss curve); null for none.</param>
public sealed record JobResult(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]>? Series = null,
    IReadOnlyDictionary<string, string>? Details = null)
{
    /// <summary>A result of named metrics only: <c>JobResult.Of(("pi", 3.14), ("error", 0.002))</c>.</summary>
    public static JobResult Of(params (string Name, double Value)[] metrics) =>
        new(metrics.ToDictionary(m => m.Name, m => m.Value));
}
