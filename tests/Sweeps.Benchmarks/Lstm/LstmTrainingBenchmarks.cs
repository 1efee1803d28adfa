using BenchmarkDotNet.Attributes;
using Sweeps.Lstm;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Benchmarks.Lstm;

/// <summary>One epoch of the paper's regime (per-sequence updates, Nesterov momentum) on each task, for every variant.</summary>
public class LstmTrainingBenchmarks
{
    private SequenceTask _task = null!;

    [Params("adding", "reber", "polyphonic")]
    public string Task { get; set; } = "adding";

    [Params(LstmVariant.Vanilla, LstmVariant.Np, LstmVariant.Fgr)]
    public LstmVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup() => _task = SequenceTasks.Generate(Task, new TaskSizes(200, 20, 20, 50), seed: 1);

    [Benchmark]
    public TrainingReport OneEpoch() =>
        new Trainer<float>(_task, new TrainingOptions { Variant = Variant, Hidden = 32, MaxEpochs = 1 }, seed: 1).Train();
}
