using System.Globalization;

namespace Sweeps.Store.Query;

/// <summary>
/// How a field is read in one database's SQL, as a number or as a text, with the values a query binds. The JSON
/// keys are written into the SQL (so expression indexes can match); names that would need escaping stay in memory.
/// </summary>
internal abstract class QuerySql
{
    public List<(string Name, object Value)> Parameters { get; } = [];

    /// <summary>SQL's false, for a comparison that can never hold (a number compared with a text column).</summary>
    public abstract string False { get; }

    /// <summary>What makes text order by code point, as <see cref="string.CompareOrdinal(string, string)"/> does.</summary>
    public virtual string TextOrder => "";

    public static QuerySql For(StoreDialect dialect) => dialect is PostgresDialect ? new PostgresQuerySql() : new SqliteQuerySql();

    public string Add(object value)
    {
        var name = "@q" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
        Parameters.Add((name, value));
        return name;
    }

    /// <summary>The field as a SQL number (NULL where the trial has none, NaN or a text); "" if it is never a number; null if SQL cannot say.</summary>
    public string? Number(TrialField field) => field.Source switch
    {
        FieldSource.Column => field.Key switch
        {
            "trial" => "trial_index",
            "point" => "point_index",
            "replicate" => "replicate",
            "attempt" => "attempt",
            "duration_ms" => DurationMs,
            "seed" => null, // a 64-bit unsigned number kept as text; compared in memory
            _ => "",
        },
        FieldSource.Parameter when IsPlain(field.Key) => ParameterNumber(field.Key),
        FieldSource.Metric when IsPlain(field.Key) => MetricNumber(field.Key),
        _ => null,
    };

    /// <summary>The field as a SQL text (NULL where the trial has none or a number); "" if it is never a text; null if SQL cannot say.</summary>
    public string? Text(TrialField field) => field.Source switch
    {
        FieldSource.Column => field.Key switch
        {
            "status" or "worker" or "error" => field.Key,
            "started_at" or "ended_at" => TimeText(field.Key),
            "host" => null, // compared in memory: a store of schema version 1, read without migrating, has no such column
            _ => "",
        },
        FieldSource.Parameter when IsPlain(field.Key) => ParameterText(field.Key),
        FieldSource.Metric => "",
        _ => null,
    };

    /// <summary>Whether the field's value is never NULL (then ORDER BY needs no rank of missing values and an index can serve it).</summary>
    public static bool NeverMissing(TrialField field) =>
        field.Source == FieldSource.Column && field.Key is "trial" or "point" or "replicate" or "attempt" or "status";

    /// <summary>A comparison made false where it would be NULL; left bare on columns never NULL, so an index can serve it.</summary>
    public static string Total(TrialField field, string comparison, QuerySql sql) =>
        NeverMissing(field) ? $"({comparison})" : $"COALESCE(({comparison}), {sql.False})";

    public static string Operator(string op) => op switch
    {
        "==" => "=",
        "!=" => "<>",
        _ => op,
    };

    protected abstract string DurationMs { get; }

    protected abstract string ParameterNumber(string key);

    protected abstract string MetricNumber(string key);

    protected abstract string ParameterText(string key);

    protected abstract string TimeText(string column);

    private static bool IsPlain(string key) => key.Length > 0 && key.All(c => !char.IsControl(c) && c is not ('\'' or '"' or '\\'));
}

internal sealed class SqliteQuerySql : QuerySql
{
    public override string False => "0";

    // SQLite stores NaN as NULL already.
    protected override string DurationMs => "duration_ms";

    // json_extract gives booleans as 1 and 0, and texts as texts; only numbers and booleans count as numbers.
    protected override string ParameterNumber(string key) =>
        $"CASE json_type(parameters, '{Path(key)}') WHEN 'integer' THEN json_extract(parameters, '{Path(key)}') WHEN 'real' THEN json_extract(parameters, '{Path(key)}') " +
        $"WHEN 'true' THEN 1 WHEN 'false' THEN 0 END";

    // Metrics that are not finite are kept as the texts "Infinity", "-Infinity", "NaN" (NaN counts as missing).
    protected override string MetricNumber(string key) =>
        $"CASE json_type(metrics, '{Path(key)}') WHEN 'integer' THEN json_extract(metrics, '{Path(key)}') WHEN 'real' THEN json_extract(metrics, '{Path(key)}') " +
        $"WHEN 'text' THEN CASE json_extract(metrics, '{Path(key)}') WHEN 'Infinity' THEN 9e999 WHEN '-Infinity' THEN -9e999 END END";

    protected override string ParameterText(string key) =>
        $"CASE json_type(parameters, '{Path(key)}') WHEN 'text' THEN json_extract(parameters, '{Path(key)}') END";

    protected override string TimeText(string column) => column;

    private static string Path(string key) => $"$.\"{key}\"";
}

internal sealed class PostgresQuerySql : QuerySql
{
    public override string False => "FALSE";

    public override string TextOrder => " COLLATE \"C\"";

    protected override string DurationMs => "NULLIF(duration_ms, 'NaN'::float8)";

    protected override string ParameterNumber(string key) =>
        $"CASE json_typeof(parameters -> '{key}') WHEN 'number' THEN (parameters ->> '{key}')::float8 " +
        $"WHEN 'boolean' THEN CASE parameters ->> '{key}' WHEN 'true' THEN 1.0::float8 ELSE 0.0::float8 END END";

    protected override string MetricNumber(string key) =>
        $"CASE json_typeof(metrics -> '{key}') WHEN 'number' THEN (metrics ->> '{key}')::float8 " +
        $"WHEN 'string' THEN CASE metrics ->> '{key}' WHEN 'Infinity' THEN 'Infinity'::float8 WHEN '-Infinity' THEN '-Infinity'::float8 END END";

    protected override string ParameterText(string key) =>
        $"CASE json_typeof(parameters -> '{key}') WHEN 'string' THEN parameters ->> '{key}' END";

    protected override string TimeText(string column) =>
        $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')";
}
