namespace Sweeps.Lstm.Tests.Bench;

public class BenchTests
{
    [Fact]
    public void The_bench_reports_a_median_time_and_a_rate()
    {
        var result = LstmBench.Measure(LstmVariant.Np, batch: 2, hidden: 16, input: 4, steps: 10, repetitions: 5);
        Assert.True(result.MedianMilliseconds > 0);
        Assert.Equal(2 / (result.MedianMilliseconds / 1000), result.SequencesPerSecond, 6);
    }

    [Fact]
    public void The_checkpoint_bench_times_epochs_both_ways_and_keeps_one_checkpoint_per_training()
    {
        using var folder = new Support.DataFile();
        var result = CheckpointBench.Measure(LstmVariant.Np, hidden: 4, batch: 8, epochs: 3, folder.Folder);
        Assert.Equal(CheckpointBench.Rounds * 2, result.EpochsTimed);
        Assert.True(result.Without.Median > 0 && result.With.Median > 0 && result.Without.MedianProcessor > 0 && result.With.MedianProcessor > 0);
        Assert.True(result.Without.Fastest <= result.Without.Median && result.With.Fastest <= result.With.Median);
        // The cost runs from the end of validation to the end of the save, so it holds the save.
        Assert.True(result.CheckpointMilliseconds >= result.SaveMilliseconds);
        Assert.InRange(result.CheckpointBytes, 3 * 4 * 100, 64 * 1024);
        var kept = Directory.GetFiles(folder.Folder, "*.checkpoint", SearchOption.AllDirectories);
        Assert.Equal(CheckpointBench.Rounds, kept.Length);
        Assert.All(kept, path => Assert.Equal("step-3.checkpoint", Path.GetFileName(path)));
    }
}
