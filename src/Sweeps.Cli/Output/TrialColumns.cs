using System.Globalization;
using Sweeps.Core.Lifecycle;
using Sweeps.Store;

namespace Sweeps.Cli.Output;

/// <summary>The columns a trial is printed with: its identity and status, its parameters, its metrics, then how it ran.</summary>
internal sealed class TrialColumns(IReadOnlyList<string> parameters, IReadOnlyList<string> metrics)
{
    public IReadOnlyList<string> Names { get; } =
        ["trial", "replicate", "status", .. parameters, .. metrics, "attempt", "worker", "duration_ms", "seed", "error"];

    public IEnumerable<string> Values(TrialRow row, Func<double, string> number)
    {
        yield return row.Index.ToString(CultureInfo.InvariantCulture);
        yield return row.Replicate.ToString(CultureInfo.InvariantCulture);
        yield return row.Status.Text();
        foreach (var name in parameters) yield return row.Parameters.TryGet(name, out var p) ? p.ToString() : "";
        foreach (var name in metrics) yield return row.Metrics.TryGetValue(name, out var m) ? number(m) : "";
        yield return row.Attempt.ToString(CultureInfo.InvariantCulture);
        yield return row.Worker ?? "";
        yield return row.DurationMs is { } ms ? number(ms) : "";
        yield return row.Seed.ToString(CultureInfo.InvariantCulture);
        yield return row.Error ?? "";
    }
}
