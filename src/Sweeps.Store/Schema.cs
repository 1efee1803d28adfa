using System.Data.Common;

namespace Sweeps.Store;

/// <summary>
/// The results store's tables: plain SQL a person can read with sqlite3 or psql.
/// <c>sweeps</c> holds one row a sweep, <c>trials</c> one row a trial, <c>projection_offsets</c>
/// how far into the coordinator's journal the tables are written (so that a restart neither skips nor doubles).
/// </summary>
internal static class Schema
{
    /// <summary>
    /// 1: the first tables; 2: trial_values (the numbers of finished trials, for sorted queries), filled on opening a
    /// store of version 1, and run metadata (<see cref="RunMetadataColumns"/>).
    /// </summary>
    public const int Version = 2;

    /// <summary>Tables Sweeps and its journal write; a SQLite file holding any other table belongs to someone else.</summary>
    private static readonly HashSet<string> OwnTables =
        ["sweeps_schema", "sweeps", "trials", "trial_values", "projection_offsets", "sweeps_leases", "api_tokens", "sweep_notices", "journal", "snapshot", "tags", "journal_metadata"];

    public static void Ensure(DbConnection connection, StoreDialect dialect, string display)
    {
        if (dialect.IsSqlite && !HasSchemaTable(connection, dialect) && Tables(connection).Where(t => !OwnTables.Contains(t)).ToList() is { Count: > 0 } foreign)
            throw new StoreException($"{display} is not a Sweeps store: it holds tables of another application ({string.Join(", ", foreign.Take(5))}); give --db a new file or a Sweeps store");
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
        // Added without a version bump: a store without it reads as a store without notices.
        Execute(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS sweep_notices (
                sweep     TEXT NOT NULL,
                topic     TEXT NOT NULL,
                message   TEXT NOT NULL,
                noted_at  {dialect.TimeType} NOT NULL,
                PRIMARY KEY (sweep, topic)
            )
            """);
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS projection_offsets (
                projection  TEXT PRIMARY KEY,
                sequence_nr BIGINT NOT NULL
            )
            """);
        Execute(connection, transaction, TrialValues.Create(dialect));
        Execute(connection, transaction, StoreCheckpoints.Create(dialect));
        RunMetadataColumns.Add(connection, transaction, dialect);
        var stored = found is long or int ? Convert.ToInt32(found) : 0;
        if (stored == 1) Execute(connection, transaction, TrialValues.Fill(dialect));
        if (stored < Version)
            Execute(connection, transaction, $"INSERT INTO sweeps_schema (version) VALUES ({Version})");
        else if (Convert.ToInt32(found) < Version)
            Execute(connection, transaction, $"UPDATE sweeps_schema SET version = {Version}");
    }

    /// <summary>Checks, without writing anything, that the database is a Sweeps store this version can read.</summary>
    /// <returns>Its schema version (an older one is read as it is, without the tables and columns added since).</returns>
    public static int Check(DbConnection connection, StoreDialect dialect, string display)
    {
        if (!HasSchemaTable(connection, dialect))
            throw new StoreException($"{display} is not a Sweeps store (it has no sweeps_schema table); give --db the store a sweep ran with");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM sweeps_schema";
        var found = command.ExecuteScalar();
        if (found is long or int && Convert.ToInt32(found) > Version)
            throw new StoreException($"{display} was written by a newer Sweeps (schema version {found}, this one knows {Version}); upgrade sweeps to open it");
        return found is long or int ? Convert.ToInt32(found) : Version;
    }

    private static bool HasSchemaTable(DbConnection connection, StoreDialect dialect)
    {
        using var command = connection.CreateCommand();
        command.CommandText = dialect.IsSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sweeps_schema'"
            : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'sweeps_schema' AND schemaname = ANY (current_schemas(false))";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    private static List<string> Tables(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
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
