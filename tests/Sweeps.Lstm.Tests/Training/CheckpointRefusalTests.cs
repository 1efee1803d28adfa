using Sweeps.Core.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm.Tests.Training;

/// <summary>A checkpoint that is not this training's, or not whole, stops the training with the reason instead of being half-used.</summary>
public class CheckpointRefusalTests
{
    private static readonly SequenceTask AddingTask = SequenceTasks.Generate("adding", new TaskSizes(30, 10, 10, 8), seed: 1);
    private static readonly TrainingOptions Options = new() { Hidden = 4, MaxEpochs = 4, Patience = 4 };

    /// <summary>The checkpoint of 2 epochs of this training, in <typeparamref name="T"/>.</summary>
    private static TrialCheckpoint Saved<T>(TrainingOptions? options = null, ulong seed = 3) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var store = new MemoryCheckpointStore().For("s", 0);
        new Trainer<T>(AddingTask, (options ?? Options) with { MaxEpochs = 2 }, seed).Train(checkpoints: new TrainingCheckpoints(store, "job"));
        return store.Latest()!;
    }

    private static TrialCheckpointException Refused(TrialCheckpoint checkpoint)
    {
        var store = new MemoryCheckpointStore().For("s", 0);
        store.Save(checkpoint.Step, checkpoint.State);
        var trainer = new Trainer<float>(AddingTask, Options, seed: 3);
        return Assert.Throws<TrialCheckpointException>(() => trainer.Train(checkpoints: new TrainingCheckpoints(store, "job")));
    }

    private static TrialCheckpoint Changed(TrialCheckpoint checkpoint, Func<byte[], byte[]> change) =>
        new(checkpoint.Step, change(checkpoint.State.ToArray()));

    [Fact]
    public void The_checkpoint_of_its_own_training_resumes()
    {
        var store = new MemoryCheckpointStore().For("s", 0);
        store.Save(2, Saved<float>().State);
        var epochs = new List<int>();
        new Trainer<float>(AddingTask, Options, seed: 3).Train(onEpoch: e => epochs.Add(e.Epoch), checkpoints: new TrainingCheckpoints(store, "job"));
        Assert.Equal([3, 4], epochs);
    }

    [Fact]
    public void A_training_given_more_epochs_continues_its_checkpoint_exactly_as_one_given_them_from_the_start()
    {
        var store = new MemoryCheckpointStore().For("s", 0);
        new Trainer<float>(AddingTask, Options with { MaxEpochs = 2 }, seed: 3).Train(checkpoints: new TrainingCheckpoints(store, "job"));
        var continued = new Trainer<float>(AddingTask, Options, seed: 3).Train(checkpoints: new TrainingCheckpoints(store, "job"));
        var direct = new Trainer<float>(AddingTask, Options, seed: 3).Train();
        Assert.Equal(direct.ValidCurve, continued.ValidCurve);
        Assert.Equal(direct.TestLoss, continued.TestLoss);
    }

    [Fact]
    public void A_checkpoint_past_the_trials_epoch_budget_is_refused()
    {
        var store = new MemoryCheckpointStore().For("s", 0);
        store.Save(2, Saved<float>().State);
        var trainer = new Trainer<float>(AddingTask, Options with { MaxEpochs = 1 }, seed: 3);
        var error = Assert.Throws<TrialCheckpointException>(() => trainer.Train(checkpoints: new TrainingCheckpoints(store, "job")));
        Assert.Contains("trained 2 epochs, more than this trial's 1 (max_epochs)", error.Message);
    }

    [Fact]
    public void A_checkpoint_of_other_parameters_is_refused_and_both_are_shown()
    {
        var error = Refused(Saved<float>(Options with { LearningRate = 0.5 }));
        Assert.Contains("another training", error.Message);
        Assert.Contains("LearningRate = 0.5", error.Message);
        Assert.Contains("LearningRate = 0.01", error.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_seed_is_refused() =>
        Assert.Contains("another training", Refused(Saved<float>(seed: 4)).Message);

    [Fact]
    public void A_checkpoint_of_another_job_identity_is_refused()
    {
        var store = new MemoryCheckpointStore().For("s", 0);
        store.Save(2, Saved<float>().State);
        var trainer = new Trainer<float>(AddingTask, Options, seed: 3);
        var error = Assert.Throws<TrialCheckpointException>(() => trainer.Train(checkpoints: new TrainingCheckpoints(store, "other job")));
        Assert.Contains("another training", error.Message);
    }

    [Fact]
    public void A_float64_checkpoint_is_refused_by_a_float32_training() =>
        Assert.Contains("8-byte numbers, this training uses 4-byte Single", Refused(Saved<double>()).Message);

    [Fact]
    public void A_truncated_checkpoint_is_refused() =>
        Assert.Contains("truncated", Refused(Changed(Saved<float>(), b => b[..^7])).Message);

    [Fact]
    public void A_checkpoint_with_bytes_after_its_end_is_refused() =>
        Assert.Contains("bytes after its end", Refused(Changed(Saved<float>(), b => [.. b, 0, 0])).Message);

    [Fact]
    public void Bytes_that_are_not_an_lstm_checkpoint_are_refused() =>
        Assert.Contains("not written by lstm.train", Refused(new TrialCheckpoint(2, "{\"epoch\": 2}"u8.ToArray())).Message);

    [Fact]
    public void A_checkpoint_of_another_format_version_is_refused()
    {
        var error = Refused(Changed(Saved<float>(), b =>
        {
            b[8] = 7;
            return b;
        }));
        Assert.Contains("format version 7", error.Message);
        Assert.Contains("step 2", error.Message);
    }
}
