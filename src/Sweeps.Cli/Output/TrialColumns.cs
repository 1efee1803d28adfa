using System.Globalization;
using Sweeps.Core.Lifecycle;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Cli.Output;

/// <summary>
/// The columns a trial is printed with: its identity and status, its parameters, its metrics, then how it ran.
/// A parameter and a metric of one name (or either named like a column) become param.NAME and metric.NAME.
/// </summary>
internal sealed class TrialColumns
{
    private static readonly string[] Leading = ["trial", "replicate", "status"];

    public TrialColumns(IReadOnlyList<string> parameters, IReadOnlyList<string> metrics, bool withTimes = true)
    {
        Parameters = parameters;
        Metrics = metrics;
        // host: the worker's machine; details: the job's facts about how it ran, as one JSON object (too wide for a table).
        Trailing = withTimes ? ["attempt", "worker", "started_at", "ended_at", "duration_ms", "seed", "error", "host", "details"] : ["attempt", "worker", "duration_ms", "seed", "error", "host"];
        ParameterNames = parameters.Select(p => metrics.Contains(p) || IsColumn(p) ? TrialFieldSet.ParameterPrefix + p : p).ToList();
        MetricNames = metrics.Select(m => parameters.Contains(m) || IsColumn(m) ? TrialFieldSet.MetricPrefix + m : m).ToList();
        Names = [.. Leading, .. ParameterNames, .. MetricNames, .. Trailing];
    }

    public IReadOnlyList<string> Parameters { get; }
    public IReadOnlyList<string> Metrics { get; }
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<string> MetricNames { get; }
    public IReadOnlyList<string> Trailing { get; }
    public IReadOnlyList<string> Names { get; }

    public IEnumerable<string> Values(TrialRow row, Func<double, string> number)
    {
        yield return row.Index.ToString(CultureInfo.InvariantCulture);
        yield return row.Replicate.ToString(CultureInfo.InvariantCulture);
        yield return row.Status.Text();
        foreach (var name in Parameters) yield return row.Parameters.TryGet(name, out var p) ? p.ToString() : "";
        foreach (var name in Metrics) yield return row.Metrics.TryGetValue(name, out var m) ? number(m) : "";
        foreach (var name in Trailing)
        {
            yield return name switch
            {
                "attempt" => row.Attempt.ToString(CultureInfo.InvariantCulture),
                "worker" => row.Worker ?? "",
                "started_at" => Time(row.StartedAt) ?? "",
                "ended_at" => Time(row.EndedAt) ?? "",
                "duration_ms" => row.DurationMs is { } ms ? number(ms) : "",
                "seed" => row.Seed.ToString(CultureInfo.InvariantCulture),
                "host" => row.Host ?? "",
                "details" => StoreJson.Details(row.Details) ?? "",
                _ => row.Error ?? "",
            };
        }
    }

    /// <summary>A time as ISO 8601 in UTC with milliseconds, as pandas and DuckDB parse it.</summary>
    public static string? Time(DateTime? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private bool IsColumn(string name) => Leading.Contains(name) || TrialFields.Columns.Contains(name);
}
