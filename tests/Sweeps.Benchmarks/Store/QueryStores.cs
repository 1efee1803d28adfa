using Npgsql;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;

namespace Sweeps.Benchmarks.Store;

/// <summary>
/// Results stores of 100,000 and 1,000,000 trials for the query benchmarks, written once through the store's own
/// write path (<see cref="ResultStore.Apply"/>) and kept between runs: a SQLite file under the temp folder, and a
/// database on the PostgreSQL server named by SWEEPS_BENCH_POSTGRES.
/// </summary>
public static class QueryStores
{
    public const string Sweep = "big";
    private const int BatchSize = 5_000;

    public static string? PostgresServer => Environment.GetEnvironmentVariable("SWEEPS_BENCH_POSTGRES") is { Length: > 0 } s ? s : null;

    public static IEnumerable<string> Kinds => PostgresServer is null ? ["sqlite"] : ["sqlite", "postgres"];

    public static ResultStore Open(string kind, int trials)
    {
        var file = Path.Combine(Folder(), $"query-{trials}.db");
        var connection = kind == "sqlite" ? $"Data Source={file}" : Database($"sweeps_bench_query_{trials}");
        var store = ResultStore.Open(StoreLocation.Parse(kind == "sqlite" ? file : connection));
        if (store.FindSweep(Sweep) is { } row && store.Summarize(row).Done == trials) return store;
        Seed(store, trials, () =>
        {
            System.Data.Common.DbConnection open = kind == "sqlite" ? new Microsoft.Data.Sqlite.SqliteConnection(connection) : new NpgsqlConnection(connection);
            open.Open();
            return open;
        });
        return store;
    }

    /// <summary>
    /// The first 20,000 trials through <see cref="ResultStore.Apply"/>; beyond that, copies of them (and of their
    /// trial_values) made inside the database with new indexes, which takes seconds rather than a minute.
    /// </summary>
    private static void Seed(ResultStore store, int trials, Func<System.Data.Common.DbConnection> open)
    {
        store.SaveSweep(new SweepRow(Sweep, "noop", "random", trials, "value", "maximize", "bench", "name: big\njob: noop\n", SweepState.Running, DateTime.UtcNow));
        var written = Math.Min(trials, Written);
        var sequence = store.ReadOffset("trials");
        for (var start = store.ReadTrials(Sweep, new(Sweeps.Store.Query.TrialFilter.All, WithSeries: false)).Count(); start < written; start += BatchSize)
        {
            var batch = new StoreBatch { SequenceNr = ++sequence };
            for (var i = start; i < Math.Min(written, start + BatchSize); i++) batch.Put(Trial(i));
            store.Apply(batch, "trials");
        }
        using var connection = open();
        for (var copy = 1; copy * written < trials; copy++)
        {
            using var command = connection.CreateCommand();
            command.CommandTimeout = 600;
            command.CommandText = $"""
                INSERT INTO trials (sweep, trial_index, point_index, replicate, seed, parameters, status, attempt, worker, started_at, ended_at, duration_ms, metrics, series, error)
                SELECT sweep, trial_index + {copy * written}, point_index + {copy * written}, replicate, seed, parameters, status, attempt, worker, started_at, ended_at, duration_ms, metrics, series, error
                FROM trials WHERE sweep = '{Sweep}' AND trial_index < {written}
                ON CONFLICT (sweep, trial_index) DO NOTHING;
                INSERT INTO trial_values (sweep, field, value, trial_index)
                SELECT sweep, field, value, trial_index + {copy * written}
                FROM trial_values WHERE sweep = '{Sweep}' AND trial_index < {written}
                ON CONFLICT DO NOTHING
                """;
            command.ExecuteNonQuery();
        }
    }

    private const int Written = 20_000;

    /// <summary>A trial as a random-search sweep leaves it: a few parameters of each kind, a few metrics, 2% failed.</summary>
    public static TrialRow Trial(long i)
    {
        var random = new Random((int)i);
        var failed = random.NextDouble() < 0.02;
        var started = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i * 3);
        var parameters = new TrialParameters([
            new("dimension", ParameterValue.Of((long)random.Next(2, 1001))),
            new("lr", ParameterValue.Of(Math.Pow(10, -5 + 4 * random.NextDouble()))),
            new("optimizer", ParameterValue.Of(random.Next(3) switch { 0 => "sgd", 1 => "adam", _ => "rmsprop" })),
            new("augment", ParameterValue.Of(random.Next(2) == 0)),
        ]);
        var metrics = failed ? new Dictionary<string, double>() : new Dictionary<string, double>
        {
            ["value"] = random.NextDouble(),
            ["loss"] = random.NextDouble() * 10,
            ["samples"] = random.Next(100, 100_000),
        };
        return new TrialRow(Sweep, i, i, 0, (ulong)i * 0x9E3779B97F4A7C15UL, parameters, failed ? TrialStatus.Failed : TrialStatus.Completed,
            1, $"worker-{i % 8}", started, started.AddMilliseconds(random.Next(1, 500)), random.Next(1, 500), metrics, null, failed ? "diverged" : null);
    }

    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sweeps-bench-query");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Database(string name)
    {
        var server = PostgresServer!;
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                create.ExecuteNonQuery();
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
