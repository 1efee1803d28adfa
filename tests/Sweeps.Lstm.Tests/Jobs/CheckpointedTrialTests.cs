using Sweeps.Core.Jobs;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Jobs;

/// <summary>An lstm.train trial stopped after epoch 5 of 10 continues on another worker (another store on the shared folder) at epoch 6.</summary>
public sealed class CheckpointedTrialTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweeps-lstm-checkpoints-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Theory]
    [InlineData("reber", "nesterov")]
    [InlineData("adding", "adam")]
    public void A_trial_killed_after_epoch_5_resumes_at_epoch_6_elsewhere_with_the_same_result(string task, string optimizer)
    {
        var parameters = Trial.Parameters(("task", task), ("optimizer", optimizer), ("max_epochs", 10L), ("patience", 10L), ("input_noise", 0.1), ("batch", 2L));
        var uninterrupted = Trial.Run(parameters, seed: 9);

        using (var killed = new InterruptingCheckpoints(new FolderCheckpointStore(_folder).For("sweep", 4), stopAfterStep: 5))
            Assert.ThrowsAny<OperationCanceledException>(() => Trial.Run(parameters, seed: 9, cancellation: killed.Cancellation, checkpoints: killed));

        var progress = new RecordingProgress();
        var resumed = Trial.Run(parameters, seed: 9, progress: progress, checkpoints: new FolderCheckpointStore(_folder).For("sweep", 4));

        Assert.Equal([6L, 7, 8, 9, 10], progress.Reports.Select(r => r.Step));
        Assert.Equal(10, resumed.Metrics["epochs"]);
        Assert.Equal(uninterrupted.Metrics.Keys.Order(), resumed.Metrics.Keys.Order());
        foreach (var (name, value) in uninterrupted.Metrics)
            if (name != "sequences_per_second") Assert.Equal(value, resumed.Metrics[name]);
        Assert.Equal(uninterrupted.Series!["valid_loss"], resumed.Series!["valid_loss"]);
        Assert.Equal(10, new FolderCheckpointStore(_folder).For("sweep", 4).Latest()!.Step);
    }

    [Fact]
    public void A_trial_of_other_parameters_refuses_the_checkpoint_with_the_reason()
    {
        var checkpoints = new MemoryCheckpointStore().For("sweep", 0);
        Trial.Run(Trial.Parameters(("hidden", 8L)), checkpoints: checkpoints);
        var error = Assert.Throws<TrialCheckpointException>(() => Trial.Run(Trial.Parameters(("hidden", 9L)), checkpoints: checkpoints));
        Assert.Contains("another training", error.Message);
        Assert.Contains("Hidden = 9", error.Message);
    }

    [Fact]
    public void A_checkpoint_over_the_limit_fails_the_trial_with_the_sizes()
    {
        var error = Assert.Throws<TrialCheckpointException>(() =>
            Trial.Run(Trial.Parameters(("hidden", 16L)), checkpoints: new MemoryCheckpointStore(maxBytes: 4096).For("sweep", 0)));
        Assert.Contains("more than the limit of 4,096 bytes", error.Message);
    }
}
