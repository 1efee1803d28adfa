namespace Sweeps.Core.Jobs;

/// <summary>What a trial produced: named metrics and optional small named series (a histogram, a loss curve).</summary>
/// <remarks>Keep series small (hundreds of values): results travel between machines in one message.</remarks>
public sealed record JobResult(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]>? Series = null)
{
    public static JobResult Of(params (string Name, double Value)[] metrics) =>
        new(metrics.ToDictionary(m => m.Name, m => m.Value));
}
