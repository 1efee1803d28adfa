using Sweeps.Core.Jobs;

using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Jobs;

public class LstmTrainJobTests
{
    [Theory]
    [InlineData("adding", true)]
    [InlineData("reber", true)]
    [InlineData("polyphonic", false)]
    public void A_trial_reports_its_losses_and_the_validation_curve(string task, bool hasAccuracy)
    {
        var progress = new RecordingProgress();
        var result = Trial.Run(Trial.Parameters(("task", task), ("batch", 4L), ("optimizer", "adam")), progress: progress);

        foreach (var metric in new[] { "train_loss", "valid_loss", "test_loss", "optimal_loss", "epochs", "diverged", "sequences_per_second" })
            Assert.True(result.Metrics.ContainsKey(metric), $"missing {metric}");
        Assert.Equal(hasAccuracy, result.Metrics.ContainsKey("test_accuracy"));
        Assert.Equal(0, result.Metrics["diverged"]);
        Assert.All(result.Metrics.Values, v => Assert.True(double.IsFinite(v)));

        var epochs = (int)result.Metrics["epochs"];
        var curve = result.Series!["valid_loss"];
        Assert.Equal(curve.Length, progress.Reports.Count);
        Assert.True(epochs >= 1 && epochs <= curve.Length);
        Assert.Equal(curve, progress.Reports.Select(r => r.Metrics!["valid_loss"]));
        Assert.Equal(Enumerable.Range(1, curve.Length).Select(e => (long)e), progress.Reports.Select(r => r.Step));
        Assert.Equal(result.Metrics["valid_loss"], curve.Min());
    }

    [Fact]
    public void The_same_seed_gives_the_same_trial_and_another_seed_another()
    {
        var parameters = Trial.Parameters(("task", "reber"), ("variant", "cifg"), ("input_noise", 0.1));
        var first = Trial.Run(parameters, seed: 7);
        var again = Trial.Run(parameters, seed: 7);
        var other = Trial.Run(parameters, seed: 8);
        foreach (var metric in new[] { "train_loss", "valid_loss", "test_loss", "test_accuracy", "epochs" })
            Assert.Equal(first.Metrics[metric], again.Metrics[metric]);
        Assert.Equal(first.Series!["valid_loss"], again.Series!["valid_loss"]);
        Assert.NotEqual(first.Metrics["test_loss"], other.Metrics["test_loss"]);
    }

    [Theory]
    [InlineData("vanilla", "sgd")]
    [InlineData("noaf", "nesterov")]
    [InlineData("niaf", "sgd")]
    public void A_huge_learning_rate_ends_the_trial_as_diverged_without_throwing(string variant, string optimizer)
    {
        var result = Trial.Run(Trial.Parameters(("variant", variant), ("optimizer", optimizer), ("learning_rate", 1e6), ("momentum", 0.99)));
        Assert.Equal(1, result.Metrics["diverged"]);
        Assert.InRange(result.Metrics["diverged_at_step"], 0, 180);
        Assert.True(double.IsFinite(result.Metrics["test_loss"]), "the losses belong to the last good parameters");
    }

    [Fact]
    public void Cancellation_stops_the_trial()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Trial.Run(Trial.Parameters(), cancellation: cancelled.Token));
    }

    [Fact]
    public void Registering_adds_lstm_train_with_its_parameters()
    {
        var registry = LstmJobs.Register(new JobRegistry());
        var definition = registry.Get("lstm.train");
        foreach (var name in new[] { "task", "variant", "hidden", "layers", "learning_rate", "momentum", "optimizer", "batch",
                     "input_noise", "clip", "max_epochs", "patience", "sequence_length", "train_sequences", "valid_sequences", "test_sequences" })
            Assert.NotNull(definition.FindParameter(name));
        Assert.All(definition.Parameters, p => Assert.False(p.Required));
    }
}
