using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Benchmarks.Orchestration;

/// <summary>
/// The orchestrator's own cost: a noop sweep through the coordinator, embedded and durable (journal and results
/// store on SQLite). Trials per second = Trials / mean time. The target is 5,000 trials/s or more on 2 cores.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class OverheadBenchmark
{
    private string _folder = "";

    [Params(20_000)]
    public int Trials { get; set; }

    [IterationSetup]
    public void NewStore()
    {
        _folder = Path.Combine(Path.GetTempPath(), "sweeps-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [IterationCleanup]
    public void RemoveStore() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "noop sweep, embedded, SQLite")]
    public async Task NoopSweep()
    {
        var jobs = new JobRegistry().Register(NoopJob.Definition);
        var spec = SpecLoader.Parse($"name: bench\njob: noop\nsampler: random\ntrials: {Trials}\n", "bench", jobs).Single();
        var options = new SweepsNodeOptions(StoreLocation.Parse(Path.Combine(_folder, "sweeps.db"))) { Worker = new WorkerOptions() };
        var result = await EmbeddedRun.RunAsync(options, jobs, [spec], _ => { }, TimeSpan.FromMilliseconds(50), CancellationToken.None);
        if (result.Sweeps.Single().Completed != Trials) throw new InvalidOperationException("the sweep did not complete");
    }
}
