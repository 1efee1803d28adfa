using System.Data.Common;
using System.Globalization;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Store;

/// <summary>
/// The results store: sweeps and their trials in plain SQL tables (SQLite or PostgreSQL).
/// Only the coordinator's projection writes trial rows; every write is idempotent, so replaying a batch changes nothing.
/// </summary>
public sealed class ResultStore
{
    private readonly StoreDialect _dialect;

    /// <summary>Whether trial_values is there and filled (schema 2 on); a store of version 1 read without migrating has not.</summary>
    private bool _hasValues = true;

    /// <summary>False for an older store opened only to read: its tables lack the run metadata columns, read as empty.</summary>
    private bool _hasRunMetadata = true;

    private ResultStore(StoreLocation location, StoreDialect dialect)
    {
        Location = location;
        _dialect = dialect;
    }

    public StoreLocation Location { get; }

    /// <summary>Opens (creating if needed) the store's tables.</summary>
    public static ResultStore Open(StoreLocation location)
    {
        if (location.Provider == StoreProvider.Sqlite)
        {
            var directory = Path.GetDirectoryName(location.Display);
            if (directory is { Length: > 0 } && !Directory.Exists(directory))
                throw new StoreException($"cannot open the store {location.Display}: the folder {directory} does not exist");
        }
        var store = new ResultStore(location, StoreDialect.For(location));
        store.Use(connection => Schema.Ensure(connection, store._dialect, location.Display));
        store._hasValues = true;
        return store;
    }

    /// <summary>
    /// Opens an existing store to read it: nothing is created or changed, a file that is not a Sweeps store is refused,
    /// and a PostgreSQL user with only SELECT rights is enough.
    /// </summary>
    public static ResultStore OpenToRead(StoreLocation location)
    {
        if (location.Provider == StoreProvider.Sqlite && !File.Exists(location.Display))
            throw new StoreException(Directory.Exists(location.Display)
                ? $"{location.Display} is a folder, not a Sweeps store; give --db the store file"
                : $"there is no store at {location.Display}; give --db the store a sweep ran with (sweeps run writes sweeps.db here by default)");
        var reading = location.ToRead();
        var store = new ResultStore(reading, StoreDialect.For(reading));
        try
        {
            var version = store.Use(connection => Schema.Check(connection, store._dialect, location.Display));
            store._hasValues = store._hasRunMetadata = version >= 2;
        }
        catch (DbException e)
        {
            throw new StoreException($"{location.Display} cannot be read as a Sweeps store: {e.Message}", e);
        }
        return store;
    }

    /// <summary>Records a sweep's row unless one with that name is already there.</summary>
    /// <summary>Trial checkpoints kept in this store (<see cref="StoreCheckpoints"/>), each at most <paramref name="maxBytes"/>.</summary>
    public StoreCheckpoints Checkpoints(long maxBytes = Core.Jobs.TrialCheckpoints.DefaultMaxBytes) => new(this, _dialect, maxBytes);

    public void SaveSweep(SweepRow sweep) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction();
        InsertSweep(connection, transaction, sweep);
        transaction.Commit();
    });

    public SweepRow? FindSweep(string name) => Use(connection =>
    {
        using var command = Command(connection, null, $"{SweepSelect} WHERE name = @name", ("@name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSweep(reader) : null;
    });

    public IReadOnlyList<SweepRow> Sweeps() => Use(connection =>
    {
        using var command = Command(connection, null, $"{SweepSelect} ORDER BY submitted_at, name");
        using var reader = command.ExecuteReader();
        var sweeps = new List<SweepRow>();
        while (reader.Read()) sweeps.Add(ReadSweep(reader));
        return sweeps;
    });

    /// <summary>How many of a sweep's trials stand where. Trials never dispatched have no row yet and count as pending.</summary>
    public SweepSummary Summarize(SweepRow sweep) => Use(connection =>
    {
        using var command = Command(connection, null,
            "SELECT status, COUNT(*) FROM trials WHERE sweep = @sweep GROUP BY status", ("@sweep", sweep.Name));
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read()) counts[reader.GetString(0)] = reader.GetInt64(1);
        long Count(TrialStatus status) => counts.GetValueOrDefault(status.Text());
        var completed = Count(TrialStatus.Completed);
        var failed = Count(TrialStatus.Failed);
        var running = Count(TrialStatus.Running);
        var pruned = Count(TrialStatus.Pruned);
        return new SweepSummary(sweep, completed, failed, running, sweep.TotalTrials - completed - failed - running - pruned, pruned);
    });

    /// <summary>How far into the journal the tables are written, for the named projection; 0 when never.</summary>
    public long ReadOffset(string projection) => Use(connection =>
    {
        using var command = Command(connection, null,
            "SELECT sequence_nr FROM projection_offsets WHERE projection = @projection", ("@projection", projection));
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0L;
    });

    /// <summary>
    /// How far the tables trail the journal <paramref name="persistenceId"/>: its highest sequence number
    /// (Akka.Persistence.Sql's <c>journal</c> table, in the same database) and the projection's offset.
    /// Null when the store has no journal (no coordinator ever ran on it).
    /// </summary>
    public StoreLag? Lag(string projection, string persistenceId) => Use(connection =>
    {
        if (!JournalExists(connection)) return null; // asked first: a coordinator starting now creates it at any moment
        using var command = Command(connection, null, """
            SELECT (SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @persistence_id),
                   (SELECT sequence_nr FROM projection_offsets WHERE projection = @projection)
            """, ("@persistence_id", persistenceId), ("@projection", projection));
        using var reader = command.ExecuteReader();
        reader.Read();
        var journal = reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var written = reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return new StoreLag(journal, written);
    });

    /// <summary>What status should tell about a sweep (or every sweep, when null): why it waits, which workers refused it.</summary>
    public IReadOnlyList<SweepNotice> Notices(string? sweep = null) => Use(connection =>
    {
        var notices = new List<SweepNotice>();
        if (!TableExists(connection, "sweep_notices")) return notices; // a store written before notices existed
        using var command = sweep is null
            ? Command(connection, null, "SELECT sweep, topic, message, noted_at FROM sweep_notices ORDER BY sweep, noted_at, topic")
            : Command(connection, null, "SELECT sweep, topic, message, noted_at FROM sweep_notices WHERE sweep = @sweep ORDER BY noted_at, topic", ("@sweep", sweep));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            notices.Add(new SweepNotice(reader.GetString(0), reader.GetString(1), reader.GetString(2), _dialect.ReadTime(reader, 3) ?? DateTime.MinValue));
        return notices;
    });

    private static bool TableExists(DbConnection connection, string table)
    {
        using var command = Command(connection, null, connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal)
            ? $"SELECT to_regclass('{table}') IS NOT NULL"
            : $"SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '{table}'");
        return Convert.ToBoolean(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static bool JournalExists(DbConnection connection)
    {
        using var command = Command(connection, null, connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal)
            ? "SELECT to_regclass('journal') IS NOT NULL"
            : "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'journal'");
        return Convert.ToBoolean(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Applies a batch and moves the projection's offset, in one transaction: all of it lands or none.</summary>
    public void Apply(StoreBatch batch, string projection) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var sweep in batch.Sweeps) InsertSweep(connection, transaction, sweep);
        foreach (var (sweep, spec, fingerprint, total) in batch.Extensions)
        {
            using var command = Command(connection, transaction, """
                UPDATE sweeps SET spec = @spec, fingerprint = @fingerprint, total_trials = @total,
                                  state = CASE state WHEN 'finished' THEN 'running' ELSE state END
                WHERE name = @name
                """, ("@spec", spec), ("@fingerprint", fingerprint), ("@total", total), ("@name", sweep));
            command.ExecuteNonQuery();
        }
        foreach (var (sweep, state) in batch.States)
        {
            using var command = Command(connection, transaction,
                "UPDATE sweeps SET state = @state WHERE name = @name", ("@state", state.Text()), ("@name", sweep));
            command.ExecuteNonQuery();
        }
        if (batch.Trials.Count > 0) TrialWriter.Write(connection, transaction, _dialect, batch.Trials);
        foreach (var notice in batch.Notices)
        {
            using var command = notice.Message is null
                ? Command(connection, transaction, "DELETE FROM sweep_notices WHERE sweep = @sweep AND topic = @topic",
                    ("@sweep", notice.Sweep), ("@topic", notice.Topic))
                : Command(connection, transaction, """
                    INSERT INTO sweep_notices (sweep, topic, message, noted_at) VALUES (@sweep, @topic, @message, @at)
                    ON CONFLICT (sweep, topic) DO UPDATE SET message = excluded.message, noted_at = excluded.noted_at
                    """, ("@sweep", notice.Sweep), ("@topic", notice.Topic), ("@message", notice.Message), ("@at", _dialect.Time(notice.At)));
            command.ExecuteNonQuery();
        }
        using (var offset = Command(connection, transaction, """
            INSERT INTO projection_offsets (projection, sequence_nr) VALUES (@projection, @sequence_nr)
            ON CONFLICT (projection) DO UPDATE SET sequence_nr = excluded.sequence_nr
            WHERE excluded.sequence_nr > projection_offsets.sequence_nr
            """, ("@projection", projection), ("@sequence_nr", batch.SequenceNr)))
        {
            offset.ExecuteNonQuery();
        }
        transaction.Commit();
    });

    /// <summary>A sweep's first failed trials in index order, with their errors (a status page shows a few, not all).</summary>
    public IReadOnlyList<(long Index, string Error)> FirstErrors(string sweep, int limit) => Use(connection =>
    {
        using var command = Command(connection, null,
            "SELECT trial_index, error FROM trials WHERE sweep = @sweep AND status = @failed ORDER BY trial_index LIMIT @limit",
            ("@sweep", sweep), ("@failed", TrialStatus.Failed.Text()), ("@limit", limit));
        using var reader = command.ExecuteReader();
        var errors = new List<(long, string)>();
        while (reader.Read()) errors.Add((reader.GetInt64(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        return errors;
    });

    /// <summary>A sweep's trials in index order, read as they are streamed (a million rows are not held at once).</summary>
    public IEnumerable<TrialRow> ReadTrials(string sweep)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, $"{TrialSelect(TrialReader.Select)} WHERE sweep = @sweep ORDER BY trial_index", ("@sweep", sweep));
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return TrialReader.Read(reader, _dialect);
    }

    /// <summary>
    /// A sweep's trials as a query asks: the filter and sort in SQL where SQL can say them exactly (then the limit too),
    /// the rest in memory while streaming, so a million rows are never held at once. The first N by a parameter or
    /// metric are read through trial_values (<see cref="Query.SortedByValue"/>).
    /// </summary>
    public IEnumerable<TrialRow> ReadTrials(string sweep, Query.TrialQuery query)
    {
        if (_hasValues && Query.SortedByValue.Serves(query))
            return Query.SortedByValue.Read(sweep, query, _dialect, Stream, (sql, parameters) => Stream(sql, parameters, r => (r.GetInt64(0), r.GetDouble(1))));
        var condition = query.Filter.Condition;
        var sql = Query.QuerySql.For(_dialect);
        var sendable = condition.Comparisons <= Query.TrialQuery.MaxSqlComparisons;
        var exact = sendable ? condition.Sql(sql) : null;
        if (exact is null && sendable) sql = Query.QuerySql.For(_dialect); // drop the values bound for the part that failed
        var where = exact ?? (sendable ? condition.Necessary(sql) : null);
        var order = query.Sort is null ? "trial_index" : query.Sort.Sql(sql);
        var limit = exact is not null && order is not null ? query.Limit : null;
        var text = $"{TrialSelect(query.WithSeries ? TrialReader.Select : TrialReader.SelectWithoutSeries)} WHERE sweep = @sweep" +
                   (where is null ? "" : $" AND {where}") + $" ORDER BY {order ?? "trial_index"}" + (limit is null ? "" : " LIMIT @limit");
        var parameters = sql.Parameters.Select(p => (p.Name, (object?)p.Value)).Append(("@sweep", sweep));
        if (limit is { } n) parameters = parameters.Append(("@limit", n));

        var rows = Stream(text, parameters.ToArray());
        if (exact is null) rows = rows.Where(query.Filter.Matches);
        if (query.Sort is { } sort && order is null) rows = query.Limit is { } k ? Query.TrialQuery.TopK(rows, sort, k) : rows.Order(sort);
        return query.Limit is { } most ? rows.Take(most) : rows;
    }

    private IEnumerable<TrialRow> Stream(string sql, (string Name, object? Value)[] parameters) =>
        Stream(sql, parameters, reader => TrialReader.Read(reader, _dialect));

    private IEnumerable<T> Stream<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> read)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, sql, parameters);
        var reader = command.ExecuteReader();
        var finished = false;
        try
        {
            while (reader.Read()) yield return read(reader);
            finished = true;
        }
        finally
        {
            // A reader left early would otherwise receive the rest of a million rows just to discard them (PostgreSQL).
            if (finished) reader.Dispose();
            else
            {
                Cancel(command);
                DisposeQuietly(reader);
            }
        }
    }

    private static void Cancel(DbCommand command)
    {
        try { command.Cancel(); }
        catch (DbException) { }
    }

    private static void DisposeQuietly(DbDataReader reader)
    {
        try { reader.Dispose(); }
        catch (DbException) { } // the cancelled statement reports that it was cancelled
    }

    private const string SelectSweep =
        "SELECT name, job, sampler, total_trials, objective_metric, objective_goal, fingerprint, spec, state, submitted_at, " +
        "sweeps_version, submitted_host, submitted_by, git_commit, git_dirty FROM sweeps";

    private string SweepSelect => _hasRunMetadata ? SelectSweep
        : SelectSweep.Replace("sweeps_version, submitted_host, submitted_by, git_commit, git_dirty", "NULL, NULL, NULL, NULL, NULL", StringComparison.Ordinal);

    private string TrialSelect(string select) => _hasRunMetadata ? select : TrialReader.WithoutRunMetadata(select);

    private SweepRow ReadSweep(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6), reader.GetString(7), StateNames.ParseSweepState(reader.GetString(8)), _dialect.ReadTime(reader, 9) ?? DateTime.UnixEpoch)
    {
        Origin = ReadOrigin(reader, 10),
    };

    private static SweepOrigin? ReadOrigin(DbDataReader reader, int first)
    {
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        var origin = new SweepOrigin(Text(0), Text(1), Text(2), Text(3),
            reader.IsDBNull(first + 4) ? null : Convert.ToInt64(reader.GetValue(first + 4), CultureInfo.InvariantCulture) != 0);
        return origin.IsEmpty ? null : origin;
    }

    private void InsertSweep(DbConnection connection, DbTransaction transaction, SweepRow sweep)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO sweeps (name, job, sampler, total_trials, objective_metric, objective_goal, fingerprint, spec, state, submitted_at,
                                sweeps_version, submitted_host, submitted_by, git_commit, git_dirty)
            VALUES (@name, @job, @sampler, @total, @metric, @goal, @fingerprint, @spec, @state, @submitted,
                    @version, @host, @user, @commit, @dirty)
            ON CONFLICT (name) DO NOTHING
            """,
            ("@name", sweep.Name), ("@job", sweep.Job), ("@sampler", sweep.Sampler), ("@total", sweep.TotalTrials),
            ("@metric", sweep.ObjectiveMetric), ("@goal", sweep.ObjectiveGoal), ("@fingerprint", sweep.Fingerprint),
            ("@spec", sweep.Spec), ("@state", sweep.State.Text()), ("@submitted", _dialect.Time(sweep.SubmittedAt)),
            ("@version", sweep.Origin?.Version), ("@host", sweep.Origin?.Host), ("@user", sweep.Origin?.User), ("@commit", sweep.Origin?.GitCommit),
            ("@dirty", sweep.Origin?.GitDirty is { } dirty ? (dirty ? 1 : 0) : null));
        command.ExecuteNonQuery();
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private DbConnection OpenConnection()
    {
        try
        {
            return _dialect.Open();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new StoreException($"cannot open the store {Location.Display}: {e.Message}", e);
        }
    }

    internal void Use(Action<DbConnection> action) => Use<bool>(connection => { action(connection); return true; });

    internal T Use<T>(Func<DbConnection, T> action)
    {
        using var connection = OpenConnection();
        return action(connection);
    }
}
