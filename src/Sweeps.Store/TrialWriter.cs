using System.Data.Common;
using System.Globalization;
using Npgsql;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Store;

/// <summary>
/// Upserts a batch of trial rows inside the caller's transaction. The guard makes replays harmless: a completed row is never
/// overwritten, a failed or pruned one only by a strictly newer attempt (<c>sweeps retry</c>), and an older attempt never
/// overwrites a newer one. Within an attempt a row moves on (running, then pending at a rung or final), never back, except
/// that a retried trial's pending row (never started) gives way to its attempt running. PostgreSQL gets the
/// whole batch in one statement (<see cref="PostgresTrialWriter"/>); SQLite, which has no network between it and
/// the process, one prepared statement executed a row at a time. A finished row's numbers go to trial_values in the
/// same statement or transaction, only where the guard let the row be written (<see cref="TrialValues"/>).
/// </summary>
internal static class TrialWriter
{
    public const string Columns =
        "sweep, trial_index, point_index, replicate, seed, parameters, status, attempt, worker, started_at, ended_at, duration_ms, metrics, series, error, host, details";

    /// <summary>The one guard both stores use; <c>excluded</c> is the row being written, <c>trials</c> the row already there.</summary>
    public const string Upsert = """
        ON CONFLICT (sweep, trial_index) DO UPDATE SET
            status = excluded.status, attempt = excluded.attempt, worker = excluded.worker,
            started_at = excluded.started_at, ended_at = excluded.ended_at, duration_ms = excluded.duration_ms,
            metrics = excluded.metrics, series = excluded.series, error = excluded.error, host = excluded.host, details = excluded.details
        WHERE (trials.status NOT IN ('completed', 'failed', 'pruned')
               AND (excluded.attempt > trials.attempt
                    OR (excluded.attempt = trials.attempt
                        AND (excluded.status <> 'running' OR (trials.status = 'pending' AND trials.started_at IS NULL)))))
           OR (trials.status IN ('failed', 'pruned') AND excluded.attempt > trials.attempt)
        """;

    public static void Write(DbConnection connection, DbTransaction transaction, StoreDialect dialect, IReadOnlyCollection<TrialRow> rows)
    {
        if (rows.Count == 0) return;
        TrialValues.ForgetReplaced(connection, transaction, rows);
        if (connection is NpgsqlConnection postgres) PostgresTrialWriter.Write(postgres, (NpgsqlTransaction)transaction, rows);
        else WriteEach(connection, transaction, dialect, rows);
    }

    private static void WriteEach(DbConnection connection, DbTransaction transaction, StoreDialect dialect, IEnumerable<TrialRow> rows)
    {
        using var command = ResultStore.Command(connection, transaction, $"""
            INSERT INTO trials ({Columns})
            VALUES (@sweep, @trial_index, @point_index, @replicate, @seed, {dialect.Json("@parameters")}, @status, @attempt, @worker,
                    @started_at, @ended_at, @duration_ms, {dialect.Json("@metrics")}, {dialect.Json("@series")}, @error, @host, {dialect.Json("@details")})
            {Upsert}
            """,
            ("@sweep", ""), ("@trial_index", 0L), ("@point_index", 0L), ("@replicate", 0), ("@seed", ""),
            ("@parameters", ""), ("@status", ""), ("@attempt", 0), ("@worker", null), ("@started_at", null),
            ("@ended_at", null), ("@duration_ms", null), ("@metrics", null), ("@series", null), ("@error", null), ("@host", null), ("@details", null));
        command.Prepare(); // compiled once a batch, bound and stepped once a row
        var written = new List<TrialRow>();
        var p = command.Parameters;
        foreach (var row in rows)
        {
            p[0].Value = row.Sweep;
            p[1].Value = row.Index;
            p[2].Value = row.Point;
            p[3].Value = row.Replicate;
            p[4].Value = row.Seed.ToString(CultureInfo.InvariantCulture);
            p[5].Value = StoreJson.Parameters(row.Parameters);
            p[6].Value = row.Status.Text();
            p[7].Value = row.Attempt;
            p[8].Value = (object?)row.Worker ?? DBNull.Value;
            p[9].Value = dialect.Time(row.StartedAt);
            p[10].Value = dialect.Time(row.EndedAt);
            p[11].Value = row.DurationMs is { } ms ? ms : DBNull.Value;
            p[12].Value = (object?)StoreJson.Metrics(row.Metrics) ?? DBNull.Value;
            p[13].Value = (object?)StoreJson.Series(row.Series) ?? DBNull.Value;
            p[14].Value = (object?)row.Error ?? DBNull.Value;
            p[15].Value = (object?)row.Host ?? DBNull.Value;
            p[16].Value = (object?)StoreJson.Details(row.Details) ?? DBNull.Value;
            // 1 when the row was inserted or updated, 0 when the guard kept the row there: a finished row is written once.
            if (command.ExecuteNonQuery() == 1 && row.Status.IsFinal()) written.Add(row);
        }
        if (written.Count > 0) TrialValues.WriteSorted(connection, transaction, written);
    }
}
