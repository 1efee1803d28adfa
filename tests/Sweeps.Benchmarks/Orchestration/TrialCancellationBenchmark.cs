using BenchmarkDotNet.Attributes;

namespace Sweeps.Benchmarks.Orchestration;

/// <summary>
/// What making a trial cancellable costs, per trial, on the trial runner's hot path: the way it was (a source linked
/// to the pool's, a time-out source even without a time-out, and a registration joining them) against the way it is
/// (one source a trial, cancelled directly by whoever stops it; a timer only when the spec gives a time-out).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TrialCancellationBenchmark
{
    private readonly CancellationTokenSource _pool = new();

    [Benchmark(Baseline = true, Description = "linked + time-out source + registration")]
    public bool LinkedSources()
    {
        var trial = CancellationTokenSource.CreateLinkedTokenSource(_pool.Token);
        var timedOut = new CancellationTokenSource();
        var link = timedOut.Token.Register(trial.Cancel);
        var cancelled = trial.Token.IsCancellationRequested;
        link.Dispose();
        timedOut.Dispose();
        trial.Dispose();
        return cancelled;
    }

    [Benchmark(Description = "one source a trial")]
    public bool OneSource()
    {
        var trial = new CancellationTokenSource();
        var cancelled = trial.Token.IsCancellationRequested;
        trial.Dispose();
        return cancelled;
    }
}
