using System.Data.Common;

namespace Sweeps.Store;

/// <summary>
/// The results store's tables: plain SQL a person can read with sqlite3 or psql.
/// <c>sweeps</c> holds one row a sweep, <c>trials</c> one row a trial, <c>projection_offsets</c>
/// how far into the coordinator's journal the tables are written (so that a restart neither skips nor doubles).
/// </summary>
internal static class Schema
{
    public const int Version = 1;

    public static void Ensure(DbConnection connection, StoreDialect dialect, string display)
    {
        // Two nodes opening a new PostgreSQL store at once would race on CREATE TABLE IF NOT EXISTS (duplicate key in
        // pg_type): one transaction, behind the dialect's lock, creates the tables while the other waits.
        using var transaction = connection.BeginTransaction();
        if (dialect.SchemaLock is { } schemaLock) Execute(connection, transaction, schemaLock);
        Ensure(connection, transaction, dialect, display);
        transaction.Commit();
    }

    private static void Ensure(DbConnection connection, DbTransaction transaction, StoreDialect dialect, string display)
    {
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS sweeps_schema (version INTEGER NOT NULL)");
        var found = Scalar(connection, transaction, "SELECT MAX(version) FROM sweeps_schema");
        if (found is long or int && Convert.ToInt32(found) > Version)
            throw new StoreException($"{display} was written by a newer Sweeps (schema version {found}, this one knows {Version}); upgrade sweeps to open it");

        Execute(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS sweeps (
                name             TEXT PRIMARY KEY,
                job              TEXT NOT NULL,
                sampler          TEXT NOT NULL,
                total_trials     BIGINT NOT NULL,
                objective_metric TEXT,
                objective_goal   TEXT,
                fingerprint      TEXT NOT NULL,
                spec             TEXT NOT NULL,
                state            TEXT NOT NULL,
                submitted_at     {dialect.TimeType} NOT NULL
            )
            """);
        Execute(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS trials (
                sweep        TEXT NOT NULL,
                trial_index  BIGINT NOT NULL,
                point_index  BIGINT NOT NULL,
                replicate    INTEGER NOT NULL,
                seed         TEXT NOT NULL,
                parameters   {dialect.JsonType} NOT NULL,
                status       TEXT NOT NULL,
                attempt      INTEGER NOT NULL,
                worker       TEXT,
                started_at   {dialect.TimeType},
                ended_at     {dialect.TimeType},
                duration_ms  DOUBLE PRECISION,
                metrics      {dialect.JsonType},
                series       {dialect.JsonType},
                error        TEXT,
                PRIMARY KEY (sweep, trial_index)
            )
            """);
        Execute(connection, transaction, "CREATE INDEX IF NOT EXISTS trials_by_status ON trials (sweep, status)");
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS projection_offsets (
                projection  TEXT PRIMARY KEY,
                sequence_nr BIGINT NOT NULL
            )
            """);
        if (found is null or DBNull)
            Execute(connection, transaction, $"INSERT INTO sweeps_schema (version) VALUES ({Version})");
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
