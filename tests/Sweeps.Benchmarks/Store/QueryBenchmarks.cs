using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Benchmarks.Store;

/// <summary>
/// <c>sweeps query NAME --where ... --sort ... --limit 20</c> on a sweep of 100,000 and 1,000,000 trials, on SQLite
/// and (with SWEEPS_BENCH_POSTGRES set) PostgreSQL. The target is under a second at a million.
/// </summary>
// In process: the stores are seeded once in GlobalSetup (minutes on PostgreSQL), not once per generated process.
[Config(typeof(InProcessMonitoring))]
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private static readonly TrialFieldSet Fields = TrialFieldSet.For(["dimension", "lr", "optimizer", "augment"], ["value", "loss", "samples"]);
    private ResultStore _store = null!;

    [Params(100_000, 1_000_000)]
    public int Trials { get; set; }

    [ParamsSource(nameof(Kinds))]
    public string Store { get; set; } = "sqlite";

    public static IEnumerable<string> Kinds => QueryStores.Kinds;

    [GlobalSetup]
    public void OpenStore() => _store = QueryStores.Open(Store, Trials);

    // sweeps query big --where 'loss < 2' --sort loss --limit 20
    [Benchmark]
    public int MetricBelowSortedByIt() => Count("loss < 2", "loss", false);

    // sweeps query big --where 'loss < 2' --sort loss --desc --limit 20
    [Benchmark]
    public int MetricBelowSortedByItDescending() => Count("loss < 2", "loss", true);

    // sweeps query big --where 'value > 0.5 and dimension >= 500' --sort value --desc --limit 20
    [Benchmark]
    public int MetricFilterAndSort() => Count("value > 0.5 and dimension >= 500", "value", true);

    // sweeps query big --where "optimizer = adam and status = completed" --sort loss --limit 20
    [Benchmark]
    public int TextFilterAndMetricSort() => Count("optimizer = adam and status = completed", "loss", false);

    // sweeps query big --sort duration_ms --desc --limit 20
    [Benchmark]
    public int ColumnSort() => Count(null, "duration_ms", true);

    // sweeps query big --where 'lr < 0.0001 or not (augment = true)' --sort worker --limit 20
    [Benchmark]
    public int BooleanFilterAndTextSort() => Count("lr < 0.0001 or not (augment = true)", "worker", false);

    // sweeps query big --where 'seed > 1e18' --sort seed --limit 20 (in memory: seeds are 64-bit unsigned)
    [Benchmark]
    public int InMemoryFallback() => Count("seed > 1e18", "seed", false);

    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)) // seeding a million rows takes minutes
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }

    private int Count(string? where, string sort, bool descending)
    {
        Fields.TryResolve(sort, out var field);
        var query = new TrialQuery(where is null ? TrialFilter.All : TrialFilter.Parse(where, Fields), new TrialSort(field, descending), 20, WithSeries: false);
        var count = 0;
        foreach (var _ in _store.ReadTrials(QueryStores.Sweep, query)) count++;
        return count == 20 ? count : throw new InvalidOperationException($"expected 20 trials, got {count}");
    }
}
