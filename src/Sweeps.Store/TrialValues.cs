using System.Data.Common;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;

namespace Sweeps.Store;

/// <summary>
/// The <c>trial_values</c> table: one row for each number a finished trial holds (each numeric parameter as
/// <c>param.NAME</c>, each metric as <c>metric.NAME</c>), keyed by (sweep, field, value, trial index). It lets a query
/// sorted by a metric or parameter walk the trials in that order through the key instead of reading every trial's JSON.
/// A finished row's numbers are written in the transaction that writes the row. A completed row is never overwritten
/// (<see cref="TrialWriter.Upsert"/>); a failed or pruned one only by a newer attempt (<c>sweeps retry</c>), and its numbers
/// leave the table in the transaction that replaces it (<see cref="ForgetReplaced"/>). Rows pending or running are not here.
/// </summary>
internal static class TrialValues
{
    public const string ParameterPrefix = "param.";
    public const string MetricPrefix = "metric.";

    public const string Insert = "INSERT INTO trial_values (sweep, field, value, trial_index)";

    public static string Create(StoreDialect dialect) => $"""
        CREATE TABLE IF NOT EXISTS trial_values (
            sweep       TEXT NOT NULL,
            field       TEXT NOT NULL,
            value       DOUBLE PRECISION NOT NULL,
            trial_index BIGINT NOT NULL,
            PRIMARY KEY (sweep, field, value, trial_index)
        ){(dialect.IsSqlite ? " WITHOUT ROWID" : "")}
        """;

    /// <summary>
    /// Fills the table from the finished trials already stored (a store written before it existed), reading their JSON
    /// as <see cref="StoreJson"/> wrote it: numbers and booleans; metrics also "Infinity" and "-Infinity" (NaN is no number).
    /// </summary>
    public static string Fill(StoreDialect dialect) => dialect.IsSqlite
        ? $"""
          {Insert}
          SELECT t.sweep, '{ParameterPrefix}' || j.key, CASE j.type WHEN 'true' THEN 1.0 WHEN 'false' THEN 0.0 ELSE j.value END, t.trial_index
          FROM trials t, json_each(t.parameters) j
          WHERE t.status IN ('completed', 'failed', 'pruned') AND j.type IN ('integer', 'real', 'true', 'false')
          ON CONFLICT DO NOTHING;
          {Insert}
          SELECT t.sweep, '{MetricPrefix}' || j.key, CASE j.value WHEN 'Infinity' THEN 9e999 WHEN '-Infinity' THEN -9e999 ELSE j.value END, t.trial_index
          FROM trials t, json_each(t.metrics) j
          WHERE t.status IN ('completed', 'failed', 'pruned') AND t.metrics IS NOT NULL
            AND (j.type IN ('integer', 'real') OR (j.type = 'text' AND j.value IN ('Infinity', '-Infinity')))
          ON CONFLICT DO NOTHING
          """
        : $"""
          {Insert}
          SELECT t.sweep, '{ParameterPrefix}' || j.key,
                 CASE json_typeof(j.value) WHEN 'boolean' THEN CASE j.value::text WHEN 'true' THEN 1.0::float8 ELSE 0.0::float8 END
                      ELSE (j.value #>> '{"{}"}')::float8 END, t.trial_index
          FROM trials t, json_each(t.parameters) j
          WHERE t.status IN ('completed', 'failed', 'pruned') AND json_typeof(j.value) IN ('number', 'boolean')
          ON CONFLICT DO NOTHING;
          {Insert}
          SELECT t.sweep, '{MetricPrefix}' || j.key, (j.value #>> '{"{}"}')::float8, t.trial_index
          FROM trials t, json_each(t.metrics) j
          WHERE t.status IN ('completed', 'failed', 'pruned') AND t.metrics IS NOT NULL
            AND (json_typeof(j.value) = 'number' OR (json_typeof(j.value) = 'string' AND j.value #>> '{"{}"}' IN ('Infinity', '-Infinity')))
          ON CONFLICT DO NOTHING
          """;

    /// <summary>
    /// The numbers of a finished row as a reader will see them once stored: integers, booleans (1, 0) and finite reals
    /// among the parameters (a parameter's first occurrence; a non-finite real is stored as text), and every metric but NaN.
    /// </summary>
    public static IEnumerable<(string Field, double Value)> Of(TrialRow row)
    {
        if (!row.Status.IsFinal()) yield break;
        HashSet<string>? seen = null;
        foreach (var (name, value) in row.Parameters)
        {
            if (!(seen ??= new(StringComparer.Ordinal)).Add(name)) continue;
            switch (value.Kind)
            {
                case ParameterKind.Integer: yield return (ParameterPrefix + name, (long)value.Number); break;
                case ParameterKind.Boolean: yield return (ParameterPrefix + name, value.Number != 0 ? 1 : 0); break;
                case ParameterKind.Real when double.IsFinite(value.Number): yield return (ParameterPrefix + name, value.Number); break;
            }
        }
        foreach (var (name, value) in row.Metrics)
            if (!double.IsNaN(value)) yield return (MetricPrefix + name, value);
    }

    /// <summary>
    /// Writes finished rows' numbers with a prepared statement (SQLite), in key order: values land all over the key, and
    /// in order each page of it is visited once a batch. Call it only with rows that were themselves written.
    /// </summary>
    public static void WriteSorted(DbConnection connection, DbTransaction transaction, IEnumerable<TrialRow> rows)
    {
        var numbers = rows.SelectMany(r => Of(r).Select(v => (r.Sweep, v.Field, v.Value, r.Index))).ToList();
        numbers.Sort(KeyOrder);
        using var insert = ResultStore.Command(connection, transaction, $"{Insert} VALUES (@sweep, @field, @value, @trial_index) ON CONFLICT DO NOTHING",
            ("@sweep", ""), ("@field", ""), ("@value", 0.0), ("@trial_index", 0L));
        insert.Prepare();
        var p = insert.Parameters;
        foreach (var (sweep, field, value, index) in numbers)
        {
            p[0].Value = sweep;
            p[1].Value = field;
            p[2].Value = value;
            p[3].Value = index;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Rows that would replace a failed or pruned row of an older attempt (a retried trial): that row's numbers are
    /// deleted now, before the row is overwritten, so that a sorted query never finds a trial by numbers it no longer has.
    /// Only rows of attempt 2 on can replace one: one primary-key lookup each (SQLite; PostgreSQL: one statement a batch).
    /// </summary>
    public static void ForgetReplaced(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<TrialRow> rows)
    {
        var later = rows.Where(r => r.Attempt >= 2).ToList();
        if (later.Count == 0) return;
        var numbers = connection is Npgsql.NpgsqlConnection postgres
            ? PostgresTrialWriter.Replaced(postgres, (Npgsql.NpgsqlTransaction)transaction, later)
            : Replaced(connection, transaction, later);
        if (numbers.Count == 0) return;
        numbers.Sort(KeyOrder);
        if (connection is Npgsql.NpgsqlConnection pg)
        {
            PostgresTrialWriter.DeleteValues(pg, (Npgsql.NpgsqlTransaction)transaction, numbers);
            return;
        }
        using var delete = ResultStore.Command(connection, transaction,
            "DELETE FROM trial_values WHERE sweep = @sweep AND field = @field AND value = @value AND trial_index = @trial_index",
            ("@sweep", ""), ("@field", ""), ("@value", 0.0), ("@trial_index", 0L));
        delete.Prepare();
        foreach (var (sweep, field, value, index) in numbers)
        {
            delete.Parameters[0].Value = sweep;
            delete.Parameters[1].Value = field;
            delete.Parameters[2].Value = value;
            delete.Parameters[3].Value = index;
            delete.ExecuteNonQuery();
        }
    }

    /// <summary>The numbers of the stored failed or pruned rows these rows replace (SQLite: a lookup a row).</summary>
    private static List<(string, string, double, long)> Replaced(DbConnection connection, DbTransaction transaction, IEnumerable<TrialRow> later)
    {
        var numbers = new List<(string, string, double, long)>();
        using var find = ResultStore.Command(connection, transaction, """
            SELECT parameters, metrics FROM trials
            WHERE sweep = @sweep AND trial_index = @trial_index AND status IN ('failed', 'pruned') AND attempt < @attempt
            """, ("@sweep", ""), ("@trial_index", 0L), ("@attempt", 0));
        find.Prepare();
        foreach (var row in later)
        {
            find.Parameters[0].Value = row.Sweep;
            find.Parameters[1].Value = row.Index;
            find.Parameters[2].Value = row.Attempt;
            using var reader = find.ExecuteReader();
            if (!reader.Read()) continue;
            numbers.AddRange(Stored(row, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
        return numbers;
    }

    /// <summary>The numbers a stored final row put in the table, from its JSON as stored.</summary>
    internal static IEnumerable<(string, string, double, long)> Stored(TrialRow row, string? parameters, string? metrics) =>
        Of(row with { Status = TrialStatus.Failed, Parameters = StoreJson.ReadParameters(parameters), Metrics = StoreJson.ReadMetrics(metrics) })
            .Select(v => (row.Sweep, v.Field, v.Value, row.Index));

    /// <summary>The table's key order (texts by bytes, as both databases compare them here).</summary>
    public static int KeyOrder((string Sweep, string Field, double Value, long Index) a, (string Sweep, string Field, double Value, long Index) b)
    {
        var order = string.CompareOrdinal(a.Sweep, b.Sweep);
        if (order == 0) order = string.CompareOrdinal(a.Field, b.Field);
        if (order == 0) order = a.Value.CompareTo(b.Value);
        return order != 0 ? order : a.Index.CompareTo(b.Index);
    }
}
