using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;

namespace Sweeps.Benchmarks.Store;

/// <summary>
/// What the results projection asks of a store: 20,000 trials written as running, then as completed, in batches of
/// 5,000 rows (the projection's largest), each batch with its offset in one transaction. Rows/s = 40,000 / mean time.
/// PostgreSQL runs where SWEEPS_BENCH_POSTGRES names a server (a connection string; each iteration gets a new database).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ProjectionWriteBenchmark
{
    private const int TrialCount = 20_000;
    private const int BatchRows = 5_000;
    private ResultStore _store = null!;
    private string _folder = "";

    public static IEnumerable<string> Stores =>
        Environment.GetEnvironmentVariable("SWEEPS_BENCH_POSTGRES") is { Length: > 0 } ? ["sqlite", "postgres"] : ["sqlite"];

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    /// <summary>Completed rows carry a one-fact <c>details</c> (a command line), as command jobs give; without, as built-in jobs.</summary>
    [Params(false, true)]
    public bool Details { get; set; }

    [IterationSetup]
    public void NewStore()
    {
        _folder = Path.Combine(Path.GetTempPath(), "sweeps-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = ResultStore.Open(StoreLocation.Parse(Store == "sqlite" ? Path.Combine(_folder, "sweeps.db") : NewPostgresDatabase()));
        _store.SaveSweep(new SweepRow("bench", "noop", "random", TrialCount, null, null, "f", "name: bench\n", SweepState.Running, DateTime.UtcNow));
    }

    [IterationCleanup]
    public void RemoveStore() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "20,000 trials running then completed, 5,000-row batches")]
    public void WriteTrials()
    {
        var sequenceNr = 0L;
        foreach (var status in new[] { TrialStatus.Running, TrialStatus.Completed })
            for (var first = 0; first < TrialCount; first += BatchRows)
            {
                var batch = new StoreBatch { SequenceNr = ++sequenceNr };
                for (var i = first; i < first + BatchRows; i++) batch.Put(Row(i, status, Details));
                _store.Apply(batch, "trials");
            }
    }

    private static readonly TrialParameters Parameters = new([new("sleep_ms", ParameterValue.Of(0.0)), new("fail", ParameterValue.Of(false))]);

    private static readonly Dictionary<string, string> CommandDetails = new() { ["command"] = "python3 train.py --lr 0.01 --layers 2" };

    private static TrialRow Row(long index, TrialStatus status, bool details)
    {
        var started = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
        var done = status == TrialStatus.Completed;
        return new TrialRow("bench", index, index, 0, (ulong)index * 0x9E3779B97F4A7C15UL, Parameters, status, 1, "worker-a", started,
            done ? started.AddMilliseconds(1) : null, done ? 1 : null,
            done ? new Dictionary<string, double> { ["value"] = index } : new Dictionary<string, double>(), null, null)
        {
            Host = done ? "node-a" : null,
            Details = done && details ? CommandDetails : null,
        };
    }

    private static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("SWEEPS_BENCH_POSTGRES")!;
        var name = "sweeps_bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
