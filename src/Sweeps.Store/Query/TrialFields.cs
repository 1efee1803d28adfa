using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;

namespace Sweeps.Store.Query;

/// <summary>
/// The names a query can use for a trial: its columns (trial, replicate, attempt, status, worker, duration_ms,
/// seed, error, started_at, ended_at), then its parameters, then its metrics.
/// </summary>
public static class TrialFields
{
    public static readonly IReadOnlyList<string> Columns = ["trial", "point", "replicate", "attempt", "status", "worker", "duration_ms", "seed", "error", "started_at", "ended_at", "host"];

    /// <summary><c>details.NAME</c>: one of the job's facts about how the trial ran (a text).</summary>
    public const string DetailPrefix = "details.";

    /// <summary>A field's value: a number, a text, or null when the trial does not have it.</summary>
    public static object? Get(TrialRow row, string name) =>
        Columns.Contains(name) ? Get(row, TrialField.Column(name)) : Get(row, new TrialField(name, FieldSource.ParameterOrMetric, name));

    public static object? Get(TrialRow row, TrialField field) => (object?)Number(row, field, keepNaN: true) ?? Text(row, field);

    /// <summary>The field as a number, or null when it is missing, a text, or (unless asked to keep it) NaN.</summary>
    public static double? Number(TrialRow row, TrialField field, bool keepNaN = false)
    {
        double? value = field.Source switch
        {
            FieldSource.Column => field.Key switch
            {
                "trial" => row.Index,
                "point" => row.Point,
                "replicate" => row.Replicate,
                "attempt" => row.Attempt,
                "duration_ms" => row.DurationMs,
                "seed" => row.Seed,
                _ => null,
            },
            FieldSource.Parameter => ParameterNumber(row, field.Key),
            FieldSource.Metric => row.Metrics.TryGetValue(field.Key, out var m) ? m : null,
            _ => row.Parameters.TryGet(field.Key, out _) ? ParameterNumber(row, field.Key) : row.Metrics.TryGetValue(field.Key, out var x) ? x : null,
        };
        return value is double d && double.IsNaN(d) && !keepNaN ? null : value;
    }

    /// <summary>The field as a text, or null when it is missing or a number.</summary>
    public static string? Text(TrialRow row, TrialField field) => field.Source switch
    {
        FieldSource.Column => field.Key switch
        {
            "status" => row.Status.Text(),
            "worker" => row.Worker,
            "host" => row.Host,
            "error" => row.Error,
            "started_at" => Time(row.StartedAt),
            "ended_at" => Time(row.EndedAt),
            _ => null,
        },
        FieldSource.Detail => row.Details is { } details && details.TryGetValue(field.Key, out var d) ? d : null,
        FieldSource.Parameter or FieldSource.ParameterOrMetric =>
            row.Parameters.TryGet(field.Key, out var p) && p.Kind == ParameterKind.Text ? p.Text : null,
        _ => null,
    };

    /// <summary>Times as sortable text (ISO 8601, UTC, milliseconds), as the SQLite store keeps them.</summary>
    public static string? Time(DateTime? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private static double? ParameterNumber(TrialRow row, string name) =>
        row.Parameters.TryGet(name, out var p) && p.Kind != ParameterKind.Text ? p.Number : null;
}
