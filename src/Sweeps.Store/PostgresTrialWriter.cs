using System.Globalization;
using Npgsql;
using Sweeps.Core.Lifecycle;
using NpgsqlTypes;

namespace Sweeps.Store;

/// <summary>
/// Writes a whole batch of trial rows to PostgreSQL in one round trip: one array a column, unnested into one
/// INSERT ... ON CONFLICT with the guard of <see cref="TrialWriter"/>. The batch holds each trial once
/// (<see cref="StoreBatch.Put"/>), which PostgreSQL requires: one statement may not update a row twice.
/// </summary>
internal static class PostgresTrialWriter
{
    private static readonly string Sql = $"""
        INSERT INTO trials ({TrialWriter.Columns})
        SELECT sweep, trial_index, point_index, replicate, seed, CAST(parameters AS json), status, attempt, worker,
               started_at, ended_at, duration_ms, CAST(metrics AS json), CAST(series AS json), error,
               host, CAST(details AS json)
        FROM unnest(@sweep, @trial_index, @point_index, @replicate, @seed, @parameters, @status, @attempt, @worker,
                    @started_at, @ended_at, @duration_ms, @metrics, @series, @error, @host, @details)
             AS t({TrialWriter.Columns})
        {TrialWriter.Upsert}
        """;

    // The finished rows' numbers go to trial_values only where the guard let the row itself be written: the upsert
    // says which (RETURNING), the process keeps those numbers. (Joined in SQL instead, the planner chose a nested loop
    // over 20,000 x 20,000 rows, and the store fell half a minute behind.)
    private static readonly string Returning = Sql + " RETURNING sweep, trial_index";

    private static readonly string InsertValues = $"""
        {TrialValues.Insert}
        SELECT * FROM unnest(@value_sweep, @value_field, @value, @value_trial_index)
        ON CONFLICT DO NOTHING
        """;

    public static void Write(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<TrialRow> rows)
    {
        var n = rows.Count;
        var sweep = new string[n];
        var index = new long[n];
        var point = new long[n];
        var replicate = new int[n];
        var seed = new string[n];
        var parameters = new string[n];
        var status = new string[n];
        var attempt = new int[n];
        var worker = new string?[n];
        var startedAt = new DateTime?[n];
        var endedAt = new DateTime?[n];
        var durationMs = new double?[n];
        var metrics = new string?[n];
        var series = new string?[n];
        var error = new string?[n];
        var host = new string?[n];
        var details = new string?[n];
        var (valueSweep, valueField, values, valueIndex) = (new List<string>(), new List<string>(), new List<double>(), new List<long>());
        var i = 0;
        foreach (var row in rows)
        {
            sweep[i] = row.Sweep;
            index[i] = row.Index;
            point[i] = row.Point;
            replicate[i] = row.Replicate;
            seed[i] = row.Seed.ToString(CultureInfo.InvariantCulture);
            parameters[i] = StoreJson.Parameters(row.Parameters);
            status[i] = row.Status.Text();
            attempt[i] = row.Attempt;
            worker[i] = row.Worker;
            startedAt[i] = Utc(row.StartedAt);
            endedAt[i] = Utc(row.EndedAt);
            durationMs[i] = row.DurationMs;
            metrics[i] = StoreJson.Metrics(row.Metrics);
            series[i] = StoreJson.Series(row.Series);
            error[i] = row.Error;
            host[i] = row.Host;
            details[i] = StoreJson.Details(row.Details);
            i++;
            foreach (var (field, value) in TrialValues.Of(row))
            {
                valueSweep.Add(row.Sweep);
                valueField.Add(field);
                values.Add(value);
                valueIndex.Add(row.Index);
            }
        }

        using var command = new NpgsqlCommand(valueSweep.Count == 0 ? Sql : Returning, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("sweep", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = sweep });
        p.Add(new NpgsqlParameter<long[]>("trial_index", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = index });
        p.Add(new NpgsqlParameter<long[]>("point_index", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = point });
        p.Add(new NpgsqlParameter<int[]>("replicate", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = replicate });
        p.Add(new NpgsqlParameter<string[]>("seed", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = seed });
        p.Add(new NpgsqlParameter<string[]>("parameters", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = parameters });
        p.Add(new NpgsqlParameter<string[]>("status", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = status });
        p.Add(new NpgsqlParameter<int[]>("attempt", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = attempt });
        p.Add(new NpgsqlParameter<string?[]>("worker", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = worker });
        p.Add(new NpgsqlParameter<DateTime?[]>("started_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = startedAt });
        p.Add(new NpgsqlParameter<DateTime?[]>("ended_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = endedAt });
        p.Add(new NpgsqlParameter<double?[]>("duration_ms", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = durationMs });
        p.Add(new NpgsqlParameter<string?[]>("metrics", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = metrics });
        p.Add(new NpgsqlParameter<string?[]>("series", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = series });
        p.Add(new NpgsqlParameter<string?[]>("error", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = error });
        p.Add(new NpgsqlParameter<string?[]>("host", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = host });
        p.Add(new NpgsqlParameter<string?[]>("details", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = details });
        command.Prepare(); // parsed once a pooled connection: Npgsql keeps it prepared across Open/Close
        if (valueSweep.Count == 0)
        {
            command.ExecuteNonQuery();
            return;
        }
        var written = new HashSet<(string, long)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) written.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        var kept = Enumerable.Range(0, valueSweep.Count).Where(k => written.Contains((valueSweep[k], valueIndex[k]))).ToList();
        if (kept.Count == 0) return;
        kept.Sort((a, b) => TrialValues.KeyOrder((valueSweep[a], valueField[a], values[a], valueIndex[a]), (valueSweep[b], valueField[b], values[b], valueIndex[b])));
        using var insert = new NpgsqlCommand(InsertValues, connection, transaction);
        var q = insert.Parameters;
        q.Add(new NpgsqlParameter<string[]>("value_sweep", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = kept.Select(k => valueSweep[k]).ToArray() });
        q.Add(new NpgsqlParameter<string[]>("value_field", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = kept.Select(k => valueField[k]).ToArray() });
        q.Add(new NpgsqlParameter<double[]>("value", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = kept.Select(k => values[k]).ToArray() });
        q.Add(new NpgsqlParameter<long[]>("value_trial_index", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = kept.Select(k => valueIndex[k]).ToArray() });
        insert.Prepare();
        insert.ExecuteNonQuery();
    }

    /// <summary>The numbers of the stored failed or pruned rows these rows (attempt 2 on) replace: one statement.</summary>
    public static List<(string, string, double, long)> Replaced(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TrialRow> later)
    {
        using var find = new NpgsqlCommand("""
            SELECT r.k, t.parameters::text, t.metrics::text
            FROM unnest(@sweep, @trial_index, @attempt) WITH ORDINALITY AS r(sweep, trial_index, attempt, k)
            JOIN trials t ON t.sweep = r.sweep AND t.trial_index = r.trial_index
            WHERE t.status IN ('failed', 'pruned') AND t.attempt < r.attempt
            """, connection, transaction);
        find.Parameters.Add(new NpgsqlParameter<string[]>("sweep", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = later.Select(r => r.Sweep).ToArray() });
        find.Parameters.Add(new NpgsqlParameter<long[]>("trial_index", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = later.Select(r => r.Index).ToArray() });
        find.Parameters.Add(new NpgsqlParameter<int[]>("attempt", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = later.Select(r => r.Attempt).ToArray() });
        var numbers = new List<(string, string, double, long)>();
        using var reader = find.ExecuteReader();
        while (reader.Read())
            numbers.AddRange(TrialValues.Stored(later[(int)reader.GetInt64(0) - 1], reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return numbers;
    }

    public static void DeleteValues(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(string Sweep, string Field, double Value, long Index)> numbers)
    {
        using var delete = new NpgsqlCommand("""
            DELETE FROM trial_values v USING unnest(@sweep, @field, @value, @trial_index) AS d(sweep, field, value, trial_index)
            WHERE v.sweep = d.sweep AND v.field = d.field AND v.value = d.value AND v.trial_index = d.trial_index
            """, connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter<string[]>("sweep", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = numbers.Select(n => n.Sweep).ToArray() });
        delete.Parameters.Add(new NpgsqlParameter<string[]>("field", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = numbers.Select(n => n.Field).ToArray() });
        delete.Parameters.Add(new NpgsqlParameter<double[]>("value", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = numbers.Select(n => n.Value).ToArray() });
        delete.Parameters.Add(new NpgsqlParameter<long[]>("trial_index", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = numbers.Select(n => n.Index).ToArray() });
        delete.ExecuteNonQuery();
    }

    private static DateTime? Utc(DateTime? value) => value is { } time ? DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc) : null;
}
