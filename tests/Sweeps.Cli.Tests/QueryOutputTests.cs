using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Sweeps.Cli.Tests.Support;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>sweeps query</c>, <c>compare</c> and <c>best</c> on a store written directly: a sweep whose trials report a
/// metric named like its parameter (sleep_ms), groups 2, 10, 100, learning curves, and a sweep without an objective.
/// </summary>
public sealed class QueryOutputTests : IClassFixture<QueryOutputTests.Store>
{
    private readonly Store _store;

    public QueryOutputTests(Store store) => _store = store;

    public sealed class Store
    {
        public Store()
        {
            Folder = TestStores.NewFolder();
            Db = Path.Combine(Folder, "sweeps.db");
            var store = ResultStore.Open(StoreLocation.Parse(Db));
            Save(store, "coll", "objective: {metric: value, goal: maximize}\n");
            Save(store, "aimless", "");
        }

        public string Folder { get; }
        public string Db { get; }

        private static void Save(ResultStore store, string name, string objective)
        {
            var spec = $"name: {name}\njob: noop\nsampler: grid\nseed: 1\nreplicates: 3\nparameters:\n  sleep_ms: [2, 10, 100]\n{objective}";
            store.SaveSweep(new SweepRow(name, "noop", "grid", 9, objective.Length > 0 ? "value" : null, objective.Length > 0 ? "maximize" : null, "f", spec, SweepState.Finished,
                new DateTime(2026, 11, 29, 1, 0, 0, DateTimeKind.Utc)));
            var batch = new StoreBatch { SequenceNr = store.ReadOffset("trials") + 1 };
            for (var i = 0L; i < 9; i++)
            {
                var sleep = new[] { 2L, 10, 100 }[i / 3];
                var started = new DateTime(2026, 11, 29, 1, 0, 0, DateTimeKind.Utc).AddSeconds(i);
                batch.Put(new TrialRow(name, i, i / 3, (int)(i % 3), 7 + (ulong)i, new TrialParameters([new("sleep_ms", ParameterValue.Of(sleep))]), TrialStatus.Completed, 1,
                    $"w{(8 - i) % 4}", started, started.AddMilliseconds(250), 250, new Dictionary<string, double> { ["value"] = (i * 37 % 11) / 10.0, ["sleep_ms"] = sleep + 0.5 },
                    new Dictionary<string, double[]> { ["loss"] = [1, 0.5, 0.25] }, null));
            }
            store.Apply(batch, "trials");
        }
    }

    private (int Code, string Output, string Errors) Sweeps(params string[] args) => SweepsProcess.Run(_store.Folder, [.. args, "--db", _store.Db]);

    [Fact]
    public void A_parameter_and_a_metric_of_one_name_get_prefixes_and_times_are_in_the_csv()
    {
        var (code, output, errors) = Sweeps("query", "coll", "--format", "csv", "--sort", "metric.sleep_ms", "--desc", "--limit", "2");

        Assert.True(code == 0, errors);
        var lines = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("trial,replicate,status,param.sleep_ms,value,metric.sleep_ms,attempt,worker,started_at,ended_at,duration_ms,seed,error,host,details", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("6,0,completed,100,", lines[1]);
        Assert.Contains(",100.5,1,w2,2026-11-29T01:00:06.000Z,2026-11-29T01:00:06.250Z,250,13,", lines[1]);
    }

    [Fact]
    public void Json_has_times_and_with_series_the_learning_curves()
    {
        var (code, output, errors) = Sweeps("query", "coll", "--format", "json", "--series", "--where", "param.sleep_ms = 10");

        Assert.True(code == 0, errors);
        var trials = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal([3, 4, 5], trials.Select(t => t.GetProperty("trial").GetInt32()));
        Assert.Equal("2026-11-29T01:00:03.000Z", trials[0].GetProperty("started_at").GetString());
        Assert.Equal("2026-11-29T01:00:03.250Z", trials[0].GetProperty("ended_at").GetString());
        Assert.Equal(250, trials[0].GetProperty("duration_ms").GetDouble());
        Assert.Equal([1, 0.5, 0.25], trials[0].GetProperty("series").GetProperty("loss").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Sort_by_a_text_column_sorts_as_text_with_ties_by_trial()
    {
        var (code, output, errors) = Sweeps("query", "coll", "--format", "csv", "--sort", "worker");

        Assert.True(code == 0, errors);
        var workers = output.Trim().Split('\n').Skip(1).Select(l => (Trial: int.Parse(l.Split(',')[0]), Worker: l.Split(',')[7])).ToList();
        Assert.Equal(["w0", "w0", "w0", "w1", "w1", "w2", "w2", "w3", "w3"], workers.Select(w => w.Worker));
        Assert.Equal([0, 4, 8, 3, 7, 2, 6, 1, 5], workers.Select(w => w.Trial));
    }

    [Theory]
    [InlineData(new[] { "query", "coll", "--sort", "nope" }, "--sort: unknown field 'nope'")]
    [InlineData(new[] { "query", "coll", "--format", "parquet" }, "--format parquet writes a file: give --output FILE")]
    [InlineData(new[] { "query", "coll", "--series" }, "--series adds learning curves to JSON")]
    [InlineData(new[] { "compare", "coll", "--by", "sleep_ms", "--metric", "valeu" }, "--metric: this sweep has no metric 'valeu'; did you mean 'value'?")]
    [InlineData(new[] { "compare", "coll", "--by", "sleep_ms", "--goal", "up" }, "--goal: 'up' is not a goal; use min or max")]
    [InlineData(new[] { "best", "aimless" }, "this sweep has no objective: say what best means, e.g. --metric test_loss --goal min")]
    [InlineData(new[] { "best", "aimless", "--metric", "value" }, "--goal: 'value' is not the sweep's objective")]
    [InlineData(new[] { "best", "coll", "--top", "0" }, "--top: 0 is not a count")]
    public void A_bad_option_exits_2_and_says_what_would_work(string[] args, string message)
    {
        var (code, output, errors) = Sweeps(args);

        Assert.Contains(message, output + errors);
        Assert.Equal(2, code);
    }

    [Fact]
    public void Compare_orders_groups_by_number_and_takes_the_direction_from_goal()
    {
        var (code, output, errors) = Sweeps("compare", "coll", "--by", "sleep_ms", "--metric", "sleep_ms", "--goal", "min");

        Assert.True(code == 0, errors);
        Assert.Contains("coll: sleep_ms by sleep_ms (lower is better)", output);
        Assert.True(output.IndexOf(" 2 ", StringComparison.Ordinal) < output.IndexOf(" 10 ", StringComparison.Ordinal));
        Assert.True(output.IndexOf(" 10 ", StringComparison.Ordinal) < output.IndexOf(" 100 ", StringComparison.Ordinal));

        (code, output, errors) = Sweeps("compare", "aimless", "--by", "sleep_ms", "--metric", "value");
        Assert.True(code == 0, errors);
        Assert.Contains("(no direction: give --goal min or", output);
    }

    [Fact]
    public void Best_prints_the_top_trials_by_the_objective()
    {
        var (code, output, errors) = Sweeps("best", "coll", "--top", "3", "--format", "json");

        Assert.True(code == 0, errors);
        var values = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(t => t.GetProperty("metrics").GetProperty("value").GetDouble()).ToList();
        Assert.Equal([1.0, 0.9, 0.8], values);

        (code, output, errors) = Sweeps("best", "aimless", "--metric", "value", "--goal", "min", "--top", "1");
        Assert.True(code == 0, errors);
        Assert.Contains("best 1 by value (lower is better)", output);
    }

    [Fact]
    public async Task Parquet_reads_back_with_typed_columns_and_every_row()
    {
        var file = Path.Combine(_store.Folder, "coll.parquet");
        var (code, _, errors) = Sweeps("query", "coll", "--format", "parquet", "--output", file);
        Assert.True(code == 0, errors);

        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["trial", "replicate", "status", "param.sleep_ms", "value", "metric.sleep_ms", "attempt", "worker", "started_at", "ended_at", "duration_ms", "seed", "error", "host", "details"],
            fields.Select(f => f.Name));
        Assert.Equal(typeof(long), fields.Single(f => f.Name == "param.sleep_ms").ClrType);
        Assert.Equal(typeof(double), fields.Single(f => f.Name == "value").ClrType);
        Assert.Contains(fields.Single(f => f.Name == "status").ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) });
        Assert.Equal(typeof(DateTime), fields.Single(f => f.Name == "started_at").ClrType);
        Assert.Equal(9, Enumerable.Range(0, reader.RowGroupCount).Sum(i => reader.OpenRowGroupReader(i).RowCount));

        using var group = reader.OpenRowGroupReader(0);
        var values = new double?[group.RowCount];
        await group.ReadAsync<double>(fields.Single(f => f.Name == "metric.sleep_ms"), values);
        Assert.Equal(100.5, values[8]);
    }
}
