using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store.Query;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests.Query;

/// <summary>
/// The first N trials by a parameter or metric, read through trial_values, equal the query's meaning in memory on
/// both stores: with trials still running (their numbers are not in trial_values), rows rewritten by later attempts,
/// replayed batches, filters SQL cannot say, and stores written before trial_values existed (read as they are, or
/// filled when a writer opens them).
/// </summary>
public sealed class SortedByValueTests
{
    private const string Sweep = "ranked";

    private static readonly TrialFieldSet Fields =
        TrialFieldSet.For(["dimension", "lr", "optimizer", "flag", "mixed", "samples"], ["value", "loss", "samples", "odd", "it's"]);

    private static readonly (string? Where, string Sort, bool Desc, int Limit)[] Cases =
    [
        (null, "value", false, 5),
        (null, "value", true, 5),
        ("value < 0.5", "value", false, 20),
        ("value < 0.5", "value", true, 20),
        ("value > 0.25 and value <= 0.75", "value", true, 7),
        ("value = 0.25", "value", false, 3),
        ("value >= 1e999", "value", false, 4),
        ("value > 2", "value", true, 5),
        ("value != 0.5", "value", false, 6),
        ("value < 0.5 or loss > 5", "value", false, 10),
        ("not (value < 0.5)", "value", true, 10),
        ("status = failed", "value", false, 5),
        ("status = running", "loss", true, 5),
        ("optimizer = adam and status = completed", "loss", false, 20),
        ("value > 0.5 and dimension >= 5", "value", true, 20),
        ("lr < 0.002", "dimension", true, 8),
        (null, "dimension", false, 100),
        (null, "flag", true, 6),
        (null, "mixed", false, 12),
        (null, "mixed", true, 30),
        ("mixed > 1", "mixed", true, 4),
        (null, "odd", false, 5),
        (null, "metric.samples", true, 9),
        ("param.samples < 100", "param.samples", false, 4),
        ("seed > 0", "value", false, 5),
        ("seed > 0 and value > 0.1", "value", true, 5),
        ("(value > 0.1 or seed < 0) and dimension > 2", "loss", true, 6),
        ("value > 0.5", "value", false, 0),
        ("trial < 10", "lr", false, 1000),
        ("value < 0.5", "it's", true, 5), // a name SQL is not given as text: its order still comes through the key
    ];

    public static TheoryData<string, string?, string, bool, int> Queries()
    {
        var data = new TheoryData<string, string?, string, bool, int>();
        foreach (var kind in TestStores.Kinds())
        {
            foreach (var (where, sort, desc, limit) in Cases) data.Add(kind, where, sort, desc, limit);
        }
        return data;
    }

    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Queries))]
    public void The_first_n_by_a_value_are_those_the_query_means(string kind, string? where, string sort, bool descending, int limit)
    {
        var store = Seeded(TestStores.Create(kind));
        var query = Query(where, sort, descending, limit);

        Assert.Equal(Expected(store, query), store.ReadTrials(Sweep, query).Select(t => t.Index).ToList());
    }

    public static TheoryData<string, string, bool, int> ManyChunks()
    {
        var data = new TheoryData<string, string, bool, int>();
        foreach (var kind in TestStores.Kinds())
            foreach (var where in new[] { "dimension = 37", "seed > 0 and dimension = 37", "value > 2" })
                foreach (var descending in new[] { false, true })
                    foreach (var limit in new[] { 1, 3, 40 }) data.Add(kind, where, descending, limit);
        return data;
    }

    /// <summary>700 trials, 7 values, a filter that one in 50 passes: the keys come in several chunks, ties across their edges.</summary>
    [Theory, MemberData(nameof(ManyChunks))]
    public void Keys_read_in_chunks_meet_ties_and_rare_matches_alike(string kind, string where, bool descending, int limit)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep(Sweep, 700));
        var batch = new StoreBatch { SequenceNr = 1 };
        for (var i = 0L; i < 700; i++)
            batch.Put(Row(i, TrialStatus.Completed, 1, new Dictionary<string, double> { ["value"] = (i * 5 + 3) % 7 * 0.25 }) with
            {
                Parameters = new TrialParameters([new("dimension", ParameterValue.Of(i * 13 % 50))]),
            });
        store.Apply(batch, "trials");
        var query = Query(where, "value", descending, limit);

        Assert.Equal(Expected(store, query), store.ReadTrials(Sweep, query).Select(t => t.Index).ToList());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_filter_too_long_for_sql_is_tested_in_memory_alike(string kind)
    {
        var store = Seeded(TestStores.Create(kind));
        var where = string.Join(" or ", Enumerable.Repeat("dimension = 1", 500)) + " or value > 0.5";
        var query = new TrialQuery(TrialFilter.Parse(where, Fields), new TrialSort(Resolve("value"), true), 3);

        Assert.Equal(Expected(store, query), store.ReadTrials(Sweep, query).Select(t => t.Index).ToList());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Trial_values_hold_each_finished_trials_numbers_once_however_often_batches_are_replayed(string kind)
    {
        var location = TestStores.Create(kind);
        var store = Seeded(location);
        var before = Values(location);
        Write(store, 1); // the same batches again, as a projection restarting from an older offset would
        Write(store, 1);

        Assert.Equal(before, Values(location));
        Assert.Equal(Rows().Where(r => r.Status.IsFinal()).GroupBy(r => r.Index).Select(g => g.First())
                .SelectMany(Numbers).OrderBy(v => v.Index).ThenBy(v => v.Field, StringComparer.Ordinal).ToList(),
            before);
        Assert.DoesNotContain(before, v => v.Index == LaterAttempt && v.Value == 99); // the second completion lost to the first
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_store_written_before_trial_values_is_read_correctly_and_filled_when_a_writer_opens_it(string kind)
    {
        var location = TestStores.Create(kind);
        Seeded(location);
        var written = Values(location);
        MakeVersion1(location);

        var old = ResultStore.OpenToRead(location);
        foreach (var (where, sort, desc, limit) in Cases)
        {
            var query = Query(where, sort, desc, limit);
            Assert.Equal(Expected(old, query), old.ReadTrials(Sweep, query).Select(t => t.Index).ToList());
        }

        var migrated = ResultStore.Open(location);
        Assert.Equal(written, Values(location));
        foreach (var (where, sort, desc, limit) in Cases)
        {
            var query = Query(where, sort, desc, limit);
            Assert.Equal(Expected(migrated, query), migrated.ReadTrials(Sweep, query).Select(t => t.Index).ToList());
        }
    }

    private static TrialQuery Query(string? where, string sort, bool descending, int limit) =>
        new(where is null ? TrialFilter.All : TrialFilter.Parse(where, Fields), new TrialSort(Resolve(sort), descending), limit);

    private static List<long> Expected(ResultStore store, TrialQuery query) => query.Apply(store.ReadTrials(Sweep)).Select(t => t.Index).ToList();

    private static TrialField Resolve(string name) => Fields.TryResolve(name, out var field) ? field : throw new ArgumentException(name);

    private const long LaterAttempt = 7;

    private static ResultStore Seeded(StoreLocation location)
    {
        var store = ResultStore.Open(location);
        store.SaveSweep(Some.Sweep(Sweep, 60));
        Write(store, 1);
        return store;
    }

    /// <summary>Three batches as a projection writes them: dispatches, then outcomes (some twice), then retries.</summary>
    private static void Write(ResultStore store, long sequenceNr)
    {
        var rows = Rows().ToList();
        for (var part = 0; part < 3; part++)
        {
            var batch = new StoreBatch { SequenceNr = sequenceNr + part };
            foreach (var row in rows.Where((_, i) => i * 3 / rows.Count == part)) batch.Put(row);
            store.Apply(batch, "trials");
        }
    }

    /// <summary>
    /// 60 trials dispatched, then most finished: ties, NaN, infinities, no metrics, failed trials with and without
    /// metrics, trials still running (one with a metric), a parameter that is a number, a boolean or a text.
    /// </summary>
    private static IEnumerable<TrialRow> Rows()
    {
        for (var i = 0L; i < 60; i++) yield return Row(i, TrialStatus.Running, 1, new Dictionary<string, double>());
        for (var i = 0L; i < 60; i++)
        {
            if (i % 11 == 10) continue; // still running
            var status = i % 6 == 4 ? TrialStatus.Failed : TrialStatus.Completed;
            var value = i switch { 3 => double.NaN, 5 => double.PositiveInfinity, 11 => double.NegativeInfinity, 13 => 1e300, _ => i % 4 * 0.25 };
            var metrics = i % 9 == 4 ? new Dictionary<string, double>()
                : i % 5 == 1 ? new Dictionary<string, double> { ["loss"] = 20 - i, ["samples"] = i * 3 }
                : new Dictionary<string, double> { ["value"] = value, ["loss"] = i % 3 * 4.5, ["samples"] = i * 3, ["odd"] = i % 2 == 0 ? double.NaN : -i, ["it's"] = i % 7 };
            yield return Row(i, status, 1, metrics);
        }
        yield return Row(LaterAttempt, TrialStatus.Completed, 2, new Dictionary<string, double> { ["value"] = 99 }); // never replaces the first completion
        yield return Row(21, TrialStatus.Running, 2, new Dictionary<string, double> { ["value"] = 0.3 }); // a row still running may hold numbers
        yield return Row(32, TrialStatus.Pending, 1, new Dictionary<string, double>());
    }

    private static TrialRow Row(long i, TrialStatus status, int attempt, Dictionary<string, double> metrics)
    {
        ParameterValue mixed = (i % 5) switch { 0 => ParameterValue.Of(1L), 1 => ParameterValue.Of(2.5), 2 => ParameterValue.Of("a"), 3 => ParameterValue.Of(true), _ => ParameterValue.Of("10") };
        var parameters = new List<KeyValuePair<string, ParameterValue>>
        {
            new("dimension", ParameterValue.Of(i / 4 + 2)),
            new("lr", ParameterValue.Of(0.001 * (i % 4))),
            new("optimizer", ParameterValue.Of(i % 3 == 0 ? "sgd" : "adam")),
            new("flag", ParameterValue.Of(i % 2 == 0)),
            new("samples", ParameterValue.Of(i * 10)),
        };
        if (i % 7 != 6) parameters.Add(new("mixed", mixed));
        var finished = status.IsFinal();
        var started = new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc).AddSeconds(i);
        return new TrialRow(Sweep, i, i / 2, (int)(i % 2), 1000 + (ulong)i * 0x9E3779B97F4A7C15UL, new TrialParameters(parameters), status,
            attempt, $"w{i % 3}", started, finished ? started.AddSeconds(1) : null, finished ? i % 5 * 2.5 : null,
            metrics, null, status == TrialStatus.Failed ? "boom" : null);
    }

    /// <summary>What a finished trial leaves in trial_values: numeric and boolean parameters, finite reals, metrics but NaN.</summary>
    private static IEnumerable<(long Index, string Field, double Value)> Numbers(TrialRow row) =>
        row.Parameters.Where(p => p.Value.Kind is ParameterKind.Integer or ParameterKind.Boolean || p.Value.Kind == ParameterKind.Real && double.IsFinite(p.Value.Number))
            .Select(p => (row.Index, "param." + p.Key, p.Value.Number))
            .Concat(row.Metrics.Where(m => !double.IsNaN(m.Value)).Select(m => (row.Index, "metric." + m.Key, m.Value)));

    private static List<(long Index, string Field, double Value)> Values(StoreLocation location)
    {
        using var connection = Connect(location);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT trial_index, field, value FROM trial_values";
        using var reader = command.ExecuteReader();
        var values = new List<(long, string, double)>();
        while (reader.Read()) values.Add((reader.GetInt64(0), reader.GetString(1), reader.GetDouble(2)));
        return values.OrderBy(v => v.Item1).ThenBy(v => v.Item2, StringComparer.Ordinal).ToList();
    }

    /// <summary>The store as a Sweeps of schema version 1 left it: no trial_values.</summary>
    private static void MakeVersion1(StoreLocation location)
    {
        using var connection = Connect(location);
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TABLE trial_values; DELETE FROM sweeps_schema; INSERT INTO sweeps_schema (version) VALUES (1)";
        command.ExecuteNonQuery();
    }

    private static DbConnection Connect(StoreLocation location)
    {
        DbConnection connection = location.Provider == StoreProvider.Sqlite ? new SqliteConnection(location.ConnectionString) : new NpgsqlConnection(location.ConnectionString);
        connection.Open();
        return connection;
    }
}
