using System.Data.Common;
using Npgsql;
using Sweeps.Core.Lifecycle;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>
/// Run metadata in the store (schema version 2): a sweep's origin, a trial's host and details, written and read back on
/// both stores; a store of version 1 is read as it is and migrated when opened to write, keeping what it held.
/// </summary>
public sealed class RunMetadataTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    private static readonly SweepOrigin Origin = new("0.10.0", "laptop-3", "ada", "4f2c0ffee4f2c0ffee4f2c0ffee4f2c0ffee4f2c", true);

    [Theory, MemberData(nameof(Kinds))]
    public void A_sweeps_origin_and_a_trials_host_and_details_read_back_as_written(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep() with { Origin = Origin });
        store.SaveSweep(Some.Sweep("bare"));
        var details = new Dictionary<string, string> { ["command"] = "python3 train.py --lr 0.1", ["stdout"] = "/work/s/3/1/stdout.log", ["quote"] = "\"é\"\n" };
        store.Apply(Some.Batch(1,
            Some.Trial("shell", 0) with { Host = "node-7", Details = details },
            Some.Trial("shell", 1) with { Host = "node-8" },
            Some.Trial("shell", 2)), "trials");

        Assert.Equal(Origin, store.FindSweep("shell")!.Origin);
        Assert.Null(store.FindSweep("bare")!.Origin);
        var rows = store.ReadTrials("shell").ToList();
        Assert.Equal(["node-7", "node-8", null], rows.Select(r => r.Host));
        Assert.Equal(details, rows[0].Details);
        Assert.Null(rows[1].Details);
        Assert.Null(rows[2].Details);
        Assert.Equal(1, Count(kind, store.Location, "SELECT COUNT(*) FROM trials WHERE details IS NOT NULL")); // no details, no bytes
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_retry_on_another_host_replaces_the_host_and_details_of_the_attempt_before(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        store.Apply(Some.Batch(1, Some.Trial("shell", 0, TrialStatus.Running) with { Host = "a", Details = new Dictionary<string, string> { ["x"] = "1" } }), "trials");
        store.Apply(Some.Batch(2, Some.Trial("shell", 0, attempt: 2) with { Host = "b" }), "trials");

        var row = Assert.Single(store.ReadTrials("shell"));
        Assert.Equal(("b", (IReadOnlyDictionary<string, string>?)null), (row.Host, row.Details));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_store_made_before_run_metadata_is_read_as_it_is_and_migrated_when_opened_to_write(string kind)
    {
        var location = TestStores.Create(kind);
        var postgres = kind == TestStores.Postgres;
        CreateVersion1(location, postgres);

        var reading = ResultStore.OpenToRead(location);
        var old = reading.FindSweep("old")!;
        Assert.Null(old.Origin);
        var oldTrial = Assert.Single(reading.ReadTrials("old"));
        Assert.Equal((0.5, (string?)null), (oldTrial.Metrics["value"], oldTrial.Host));
        Assert.Equal(1, Count(kind, location, "SELECT MAX(version) FROM sweeps_schema")); // reading changed nothing

        var store = ResultStore.Open(location);
        Assert.Equal(2, Count(kind, location, "SELECT MAX(version) FROM sweeps_schema"));
        Assert.Equal(0.5, Assert.Single(store.ReadTrials("old")).Metrics["value"]);
        Assert.Null(store.FindSweep("old")!.Origin);
        store.SaveSweep(Some.Sweep("new") with { Origin = Origin });
        store.Apply(Some.Batch(2, Some.Trial("new", 0) with { Host = "h", Details = new Dictionary<string, string> { ["k"] = "v" } }), "trials");
        Assert.Equal(Origin, store.FindSweep("new")!.Origin);
        Assert.Equal("v", Assert.Single(store.ReadTrials("new")).Details!["k"]);
        ResultStore.Open(location); // a second open finds the columns there and adds nothing
    }

    /// <summary>The tables exactly as schema version 1 made them, with one sweep and one trial.</summary>
    private static void CreateVersion1(StoreLocation location, bool postgres)
    {
        var time = postgres ? "TIMESTAMPTZ" : "TEXT";
        var json = postgres ? "JSON" : "TEXT";
        var at = postgres ? "'2026-11-01T00:00:00Z'" : "'2026-11-01 00:00:00.000'";
        Execute(location, postgres, $"""
            CREATE TABLE sweeps_schema (version INTEGER NOT NULL);
            INSERT INTO sweeps_schema (version) VALUES (1);
            CREATE TABLE sweeps (name TEXT PRIMARY KEY, job TEXT NOT NULL, sampler TEXT NOT NULL, total_trials BIGINT NOT NULL,
                objective_metric TEXT, objective_goal TEXT, fingerprint TEXT NOT NULL, spec TEXT NOT NULL, state TEXT NOT NULL,
                submitted_at {time} NOT NULL);
            CREATE TABLE trials (sweep TEXT NOT NULL, trial_index BIGINT NOT NULL, point_index BIGINT NOT NULL, replicate INTEGER NOT NULL,
                seed TEXT NOT NULL, parameters {json} NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, worker TEXT,
                started_at {time}, ended_at {time}, duration_ms DOUBLE PRECISION, metrics {json}, series {json}, error TEXT,
                PRIMARY KEY (sweep, trial_index));
            CREATE INDEX trials_by_status ON trials (sweep, status);
            CREATE TABLE projection_offsets (projection TEXT PRIMARY KEY, sequence_nr BIGINT NOT NULL);
            INSERT INTO sweeps VALUES ('old', 'noop', 'grid', 1, NULL, NULL, 'f', 'name: old', 'finished', {at});
            INSERT INTO trials VALUES ('old', 0, 0, 0, '7', '{"{"}{"}"}', 'completed', 1, 'w', {at}, {at}, 1.5, '{"{"}"value": 0.5{"}"}', NULL, NULL);
            INSERT INTO projection_offsets VALUES ('trials', 1);
            """);
    }

    private static void Execute(StoreLocation location, bool postgres, string sql)
    {
        using DbConnection connection = postgres ? new NpgsqlConnection(location.ConnectionString) : new Microsoft.Data.Sqlite.SqliteConnection(location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(string kind, StoreLocation location, string sql)
    {
        using DbConnection connection = kind == TestStores.Postgres
            ? new NpgsqlConnection(location.ConnectionString) : new Microsoft.Data.Sqlite.SqliteConnection(location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
