using Sweeps.Core.Lifecycle;

namespace Sweeps.Store.Query;

/// <summary>
/// The names a query can use for a trial: its columns (trial, replicate, attempt, status, worker, duration_ms,
/// seed, error), then its parameters, then its metrics.
/// </summary>
public static class TrialFields
{
    public static readonly IReadOnlyList<string> Columns = ["trial", "point", "replicate", "attempt", "status", "worker", "duration_ms", "seed", "error"];

    /// <summary>A field's value: a number, a text, or null when the trial does not have it.</summary>
    public static object? Get(TrialRow row, string name)
    {
        switch (name)
        {
            case "trial": return (double)row.Index;
            case "point": return (double)row.Point;
            case "replicate": return (double)row.Replicate;
            case "attempt": return (double)row.Attempt;
            case "status": return row.Status.Text();
            case "worker": return row.Worker;
            case "duration_ms": return row.DurationMs;
            case "seed": return (double)row.Seed;
            case "error": return row.Error;
        }
        if (row.Parameters.TryGet(name, out var parameter))
            return parameter.IsNumeric || parameter.Kind == Core.Parameters.ParameterKind.Boolean ? parameter.Number : parameter.Text;
        return row.Metrics.TryGetValue(name, out var metric) ? metric : null;
    }
}
