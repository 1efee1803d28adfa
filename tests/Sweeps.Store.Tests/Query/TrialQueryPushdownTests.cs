using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store.Query;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests.Query;

/// <summary>
/// What the store answers with the filter and sort in SQL equals the query's meaning in memory, on both stores:
/// numbers against texts, missing metrics, NaN and infinities, ties, a parameter and a metric of one name.
/// </summary>
public sealed class TrialQueryPushdownTests
{
    private static readonly TrialFieldSet Fields =
        TrialFieldSet.For(["dimension", "lr", "optimizer", "flag", "choice", "samples"], ["value", "loss", "samples"]);

    public static TheoryData<string, string?, string?, bool, int?> Queries()
    {
        var data = new TheoryData<string, string?, string?, bool, int?>();
        foreach (var kind in TestStores.Kinds())
        {
            foreach (var (where, sort, desc, limit) in Cases) data.Add(kind, where, sort, desc, limit);
        }
        return data;
    }

    private static readonly (string? Where, string? Sort, bool Desc, int? Limit)[] Cases =
    [
        (null, null, false, null),
        (null, "value", false, null),
        (null, "value", true, 5),
        ("value > 0.5", "value", true, 3),
        ("value < 0.5", null, false, null),
        ("value != 0.5", "loss", false, null),
        ("value = 0.5", "trial", true, null),
        ("value >= 1e999", null, false, null),
        ("value <= -1e999 or value > 2", "value", false, null),
        ("not (value < 0.5)", "value", true, 4),
        ("loss < 10 and dimension >= 4", "dimension", false, 2),
        ("choice = 'a'", "choice", false, null),
        ("choice > 1", "choice", true, null),
        ("choice != 'a'", "choice", true, 3),
        ("not (choice = 'a')", null, false, null),
        ("optimizer = adam and flag = true", "lr", true, null),
        ("flag = false or optimizer != 'adam'", "optimizer", false, null),
        ("status = completed", "duration_ms", true, 6),
        ("status != failed and worker = 'w1'", "worker", false, null),
        ("worker != 'w1'", "worker", true, null),
        ("error = boom", "error", false, null),
        ("status = 1", null, false, null),
        ("dimension = '3'", null, false, null),
        ("samples > 10", "samples", false, null),
        ("metric.samples > 10", "metric.samples", true, null),
        ("param.samples < 100 and metric.samples >= 0", "param.samples", false, 4),
        ("seed > 0", "seed", false, 5),
        ("seed > 0 and value > 0.1", "value", true, 5),
        ("(value > 0.1 or seed < 0) and dimension > 2", "seed", true, null),
        ("duration_ms > 5 or not (attempt = 1)", "attempt", true, null),
        ("replicate = 1 and point < 10", "point", true, 7),
        ("value > 0.1", "started_at", false, 5),
        (null, "ended_at", true, null),
    ];

    [Theory, MemberData(nameof(Queries))]
    public void The_store_answers_as_the_query_means(string kind, string? where, string? sort, bool descending, int? limit)
    {
        var store = Seeded(kind);
        var query = new TrialQuery(
            where is null ? TrialFilter.All : TrialFilter.Parse(where, Fields),
            sort is null ? null : new TrialSort(Resolve(sort), descending),
            limit);

        var expected = query.Apply(store.ReadTrials("mixed")).Select(t => t.Index).ToList();
        var answered = store.ReadTrials("mixed", query).Select(t => t.Index).ToList();

        Assert.Equal(expected, answered);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_filter_too_long_for_sql_is_answered_in_memory_alike(string kind)
    {
        var store = Seeded(kind);
        var where = string.Join(" or ", Enumerable.Repeat("dimension = 1", 5_000)) + " or value > 0.5";
        var query = new TrialQuery(TrialFilter.Parse(where, Fields), new TrialSort(Resolve("value"), true), 3);

        Assert.Equal(query.Apply(store.ReadTrials("mixed")).Select(t => t.Index), store.ReadTrials("mixed", query).Select(t => t.Index));
    }

    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Fact]
    public void The_meaning_numbers_compare_as_numbers_and_missing_or_nan_match_nothing()
    {
        var rows = Rows().ToList();
        var matching = (string where) => rows.Where(TrialFilter.Parse(where, Fields).Matches).Select(r => r.Index).ToList();

        Assert.DoesNotContain(NanTrial, matching("value != 0.5"));
        Assert.DoesNotContain(NoMetricsTrial, matching("value != 0.5"));
        Assert.Contains(InfinityTrial, matching("value > 1000"));
        Assert.Equal([2L, 7, 12, 17], matching("choice = 'a'"));
        Assert.DoesNotContain(2L, matching("choice > 0"));
        Assert.All(matching("dimension > 9"), i => Assert.True(i >= 8));
    }

    private static TrialField Resolve(string name) =>
        Fields.TryResolve(name, out var field) ? field : throw new ArgumentException(name);

    private const long NanTrial = 3;
    private const long NoMetricsTrial = 4;
    private const long InfinityTrial = 5;

    private static ResultStore Seeded(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep("mixed"));
        var batch = new StoreBatch { SequenceNr = 1 };
        foreach (var row in Rows()) batch.Put(row);
        store.Apply(batch, "trials");
        return store;
    }

    /// <summary>20 trials: ties in value, NaN, ±infinity, no metrics, a parameter that is sometimes a number and sometimes a text.</summary>
    private static IEnumerable<TrialRow> Rows()
    {
        for (var i = 0L; i < 20; i++)
        {
            var status = i % 6 == 4 ? TrialStatus.Failed : i % 9 == 8 ? TrialStatus.Running : TrialStatus.Completed;
            ParameterValue choice = (i % 5) switch { 0 => ParameterValue.Of(1L), 1 => ParameterValue.Of(2.5), 2 => ParameterValue.Of("a"), 3 => ParameterValue.Of("b"), _ => ParameterValue.Of("10") };
            var parameters = new List<KeyValuePair<string, ParameterValue>>
            {
                new("dimension", ParameterValue.Of(i / 2 + 2)),
                new("lr", ParameterValue.Of(0.001 * (i % 4))),
                new("optimizer", ParameterValue.Of(i % 3 == 0 ? "sgd" : "adam")),
                new("flag", ParameterValue.Of(i % 2 == 0)),
                new("samples", ParameterValue.Of(i * 10)),
            };
            if (i % 7 != 6) parameters.Add(new("choice", choice));
            var value = i switch { NanTrial => double.NaN, InfinityTrial => double.PositiveInfinity, 11 => double.NegativeInfinity, _ => i % 4 * 0.25 };
            var metrics = status != TrialStatus.Completed || i == NoMetricsTrial ? new Dictionary<string, double>()
                : i % 5 == 1 ? new Dictionary<string, double> { ["loss"] = 20 - i, ["samples"] = i * 3 }
                : new Dictionary<string, double> { ["value"] = value, ["loss"] = (i % 3) * 4.5, ["samples"] = i * 3 };
            var started = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc).AddMilliseconds((i * 7919) % 13 * 250);
            yield return new TrialRow("mixed", i, i / 2, (int)(i % 2), 1000 + (ulong)i * 0x9E3779B97F4A7C15UL, new TrialParameters(parameters), status,
                (int)(i % 3) + 1, i % 4 == 3 ? null : $"w{i % 3}", status == TrialStatus.Running ? null : started,
                status == TrialStatus.Running ? null : started.AddSeconds(i % 3), status == TrialStatus.Running ? null : (i % 5) * 2.5,
                metrics, i % 2 == 0 ? new Dictionary<string, double[]> { ["loss"] = [1, 0.5] } : null, status == TrialStatus.Failed ? (i % 4 == 0 ? "boom" : "bang") : null);
        }
    }
}
