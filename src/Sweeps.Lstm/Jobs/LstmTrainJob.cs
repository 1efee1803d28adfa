using Sweeps.Core.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm.Jobs;

/// <summary>
/// <c>lstm.train</c>: generates the task from the trial's seed (or reads it from a sequence file, <c>task: file</c>), trains one LSTM variant in float32 on one core,
/// and reports its losses. Divergence is a result (diverged = 1), not an error. It saves a checkpoint after every epoch to
/// <see cref="JobContext.Checkpoints"/> and, run again, continues after the latest one, ending exactly as an uninterrupted run.
/// Given <see cref="JobContext.StopAtStep"/> (a scheduler's rung), it ends after that epoch.
/// </summary>
public sealed class LstmTrainJob : IJob
{
    public const string Kind = "lstm.train";

    public JobResult Run(JobContext context)
    {
        var settings = LstmTrainSettings.From(context.Parameters);
        var task = settings.MakeTask(context.Seed);
        var options = settings.Options;
        // Paused by the sweep's scheduler at a rung: train to that epoch only; the checkpoint carries the rest on later.
        if (context.StopAtStep is { } stop && stop < options.MaxEpochs) options = options with { MaxEpochs = (int)Math.Max(1, stop) };
        var trainer = new Trainer<float>(task, options, context.Seed);
        var report = trainer.Train(context.Cancellation, epoch => context.Progress.Report(
                (double)epoch.Epoch / settings.Options.MaxEpochs, epoch.Epoch,
                new Dictionary<string, double> { ["valid_loss"] = epoch.ValidLoss, ["train_loss"] = epoch.TrainLoss }),
            new TrainingCheckpoints(context.Checkpoints, settings.DataIdentity));

        var metrics = new Dictionary<string, double>
        {
            ["train_loss"] = report.TrainLoss,
            ["valid_loss"] = report.ValidLoss,
            ["test_loss"] = report.TestLoss,
            ["epochs"] = report.Epochs,
            ["updates"] = report.Updates,
            ["diverged"] = report.Diverged ? 1 : 0,
            ["sequences_per_second"] = report.SequencesPerSecond,
            ["parameters"] = trainer.Network.Parameters.Length,
        };
        if (report.TestAccuracy is { } accuracy) metrics["test_accuracy"] = accuracy;
        if (report.OptimalLoss is { } optimal) metrics["optimal_loss"] = optimal;
        if (report.DivergedAtStep is { } step) metrics["diverged_at_step"] = step;
        return new JobResult(metrics, new Dictionary<string, double[]> { ["valid_loss"] = report.ValidCurve });
    }
}
