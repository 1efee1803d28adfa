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
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
    }
}
