using System.Runtime.InteropServices;
using Sweeps.Core.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Tests.Support;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm.Tests.Training;

/// <summary>A training stopped after an epoch and started again from its checkpoint ends bit for bit as one that never stopped.</summary>
public class ResumeTests
{
    private sealed record Outcome(TrainingReport Report, byte[] Weights, int[] EpochsRun);

    private static SequenceTask Task(string name) => SequenceTasks.Generate(name, new TaskSizes(60, 20, 20, 10), seed: 11);

    private static TrainingOptions Options(string optimizer, double noise, int batch) => new()
    {
        Hidden = 8, MaxEpochs = 10, Patience = 10, Batch = batch, InputNoise = noise, LearningRate = optimizer == "adam" ? 0.01 : 0.05,
        Optimizer = OptimizerKinds.TryParse(optimizer, out var kind) ? kind : throw new ArgumentException(optimizer),
    };

    private static Outcome Run<T>(SequenceTask task, TrainingOptions options, ITrialCheckpoints? checkpoints = null, CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var epochs = new List<int>();
        // A new trainer each time, as a new attempt on another worker builds one.
        var trainer = new Trainer<T>(task, options, seed: 5);
        var report = trainer.Train(cancellation, e => epochs.Add(e.Epoch), checkpoints is null ? null : new TrainingCheckpoints(checkpoints, "test"));
        return new Outcome(report, MemoryMarshal.AsBytes(trainer.Network.Parameters.AsSpan()).ToArray(), epochs.ToArray());
    }

    /// <summary>Trains until the checkpoint of <paramref name="stopAfter"/> is saved and the cancellation stops it, then trains again on the same store.</summary>
    private static Outcome Interrupted<T>(SequenceTask task, TrainingOptions options, int stopAfter, ITrialCheckpoints store)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var interrupting = new InterruptingCheckpoints(store, stopAfter);
        var first = Assert.ThrowsAny<OperationCanceledException>(() => Run<T>(task, options, interrupting, interrupting.Cancellation));
        Assert.NotNull(first);
        Assert.Equal(stopAfter, store.Latest()!.Step);
        return Run<T>(task, options, store);
    }

    private static void AssertSame(Outcome expected, Outcome actual)
    {
        // Everything but the speed, which the clock decides.
        Assert.Equal(expected.Report with { SequencesPerSecond = 0, ValidCurve = [] }, actual.Report with { SequencesPerSecond = 0, ValidCurve = [] });
        Assert.Equal(expected.Report.ValidCurve, actual.Report.ValidCurve);
        Assert.True(expected.Weights.AsSpan().SequenceEqual(actual.Weights), "the final weights are bit-identical");
    }

    [Theory]
    [InlineData("adding", "nesterov", 0.0, 1)]
    [InlineData("adding", "adam", 0.2, 4)]
    [InlineData("reber", "sgd", 0.1, 3)]
    [InlineData("polyphonic", "adam", 0.1, 1)]
    public void Ten_epochs_stopped_after_the_fifth_resume_at_the_sixth_and_end_bit_identical_in_float32(string task, string optimizer, double noise, int batch) =>
        ResumesBitIdentical<float>(Task(task), Options(optimizer, noise, batch));

    [Theory]
    [InlineData("adding", "nesterov", 0.0, 1)]
    [InlineData("adding", "adam", 0.2, 4)]
    [InlineData("reber", "sgd", 0.1, 3)]
    public void Ten_epochs_stopped_after_the_fifth_resume_at_the_sixth_and_end_bit_identical_in_float64(string task, string optimizer, double noise, int batch) =>
        ResumesBitIdentical<double>(Task(task), Options(optimizer, noise, batch));

    private static void ResumesBitIdentical<T>(SequenceTask task, TrainingOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var uninterrupted = Run<T>(task, options);
        Assert.Equal(10, uninterrupted.Report.Epochs);
        Assert.False(uninterrupted.Report.Diverged);

        var checkpointed = Run<T>(task, options, new MemoryCheckpointStore().For("s", 0));
        AssertSame(uninterrupted, checkpointed);

        var resumed = Interrupted<T>(task, options, stopAfter: 5, new MemoryCheckpointStore().For("s", 0));
        Assert.Equal([6, 7, 8, 9, 10], resumed.EpochsRun);
        AssertSame(uninterrupted, resumed);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    public void Early_stopping_counts_epochs_without_improvement_across_the_resume(int epochsBeforeTheStop)
    {
        var task = PolyphonicTask.Generate(new TaskSizes(40, 20, 20, 10), seed: 2);
        var options = new TrainingOptions { Hidden = 8, LearningRate = 0.2, Momentum = 0.9, MaxEpochs = 40, Patience = 3 };
        var uninterrupted = Run<double>(task, options);
        var length = uninterrupted.Report.ValidCurve.Length;
        Assert.True(length < options.MaxEpochs, "this training stops early");

        // Stopped when 3 - epochsBeforeTheStop epochs have gone by without a better validation loss.
        var stopAfter = length - epochsBeforeTheStop;
        var resumed = Interrupted<double>(task, options, stopAfter, new MemoryCheckpointStore().For("s", 0));
        Assert.Equal(Enumerable.Range(stopAfter + 1, epochsBeforeTheStop), resumed.EpochsRun);
        AssertSame(uninterrupted, resumed);
    }
}
