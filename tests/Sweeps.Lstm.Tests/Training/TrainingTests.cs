using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;
using Xunit.Abstractions;

namespace Sweeps.Lstm.Tests.Training;

public class TrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void A_short_training_on_the_adding_problem_beats_always_predicting_one_half()
    {
        var task = AddingTask.Generate(new TaskSizes(Train: 2000, Valid: 200, Test: 200, SequenceLength: 20), seed: 5);
        var options = new TrainingOptions { Hidden = 16, Optimizer = OptimizerKind.Adam, LearningRate = 0.01, Batch = 8, MaxEpochs = 10, Patience = 3 };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = new Trainer<float>(task, options, seed: 5).Train();
        output.WriteLine($"{report} in {watch.Elapsed.TotalSeconds:F1} s, curve {string.Join(", ", report.ValidCurve.Select(v => v.ToString("F4")))}");
        Assert.False(report.Diverged);
        Assert.True(report.TestLoss < AddingTask.TrivialLoss / 2, $"test MSE {report.TestLoss:F4} should be well under {AddingTask.TrivialLoss:F4}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Early_stopping_ends_patience_epochs_after_the_best_and_keeps_the_best(int patience)
    {
        var task = PolyphonicTask.Generate(new TaskSizes(40, 20, 20, 10), seed: 2);
        var options = new TrainingOptions { Hidden = 8, LearningRate = 0.2, Momentum = 0.9, MaxEpochs = 40, Patience = patience };
        var report = new Trainer<double>(task, options, seed: 2).Train();
        var curve = report.ValidCurve;
        var best = Array.IndexOf(curve, curve.Min());
        Assert.True(curve.Length < options.MaxEpochs, "this run should stop early");
        Assert.Equal(patience, curve.Length - 1 - best);
        Assert.Equal(curve.Min(), report.ValidLoss);
    }

    [Fact]
    public void Input_noise_changes_what_is_learned_and_the_same_noise_seed_repeats_it()
    {
        var task = AddingTask.Generate(new TaskSizes(50, 10, 10, 8), seed: 3);
        TrainingReport Run(double noise) =>
            new Trainer<float>(task, new TrainingOptions { Hidden = 4, MaxEpochs = 2, InputNoise = noise }, seed: 3).Train();
        Assert.NotEqual(Run(0).TestLoss, Run(0.3).TestLoss);
        Assert.Equal(Run(0.3).TestLoss, Run(0.3).TestLoss);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Stacked_layers_and_continual_lanes_train_without_diverging(int batch)
    {
        var task = ReberTask.Generate(new TaskSizes(30, 5, 5, 20), seed: 4);
        var options = new TrainingOptions { Hidden = 8, Layers = 2, Batch = batch, MaxEpochs = 3, Optimizer = OptimizerKind.Adam };
        var report = new Trainer<float>(task, options, seed: 4).Train();
        Assert.False(report.Diverged);
        Assert.Equal(3 * (30 / batch), report.Updates);
        Assert.True(report.ValidLoss < Math.Log(7), "better than guessing among 7 symbols");
    }
}
