using Sweeps.Core.Jobs;
using Sweeps.Lstm.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm;

/// <summary>The job kinds of this library, for a node's <see cref="JobRegistry"/>.</summary>
public static class LstmJobs
{
    public static IReadOnlyList<JobDefinition> Definitions { get; } =
    [
        new JobDefinition(
            LstmTrainJob.Kind,
            "Trains one LSTM variant (Greff et al. 2017) on a generated task (adding, reber, polyphonic) with early stopping; float32, one core.",
            [
                JobParameter.Text("task", $"the task: {string.Join(", ", SequenceTasks.Names)}", AddingTask.Name).OneOf(SequenceTasks.Names),
                JobParameter.Text("variant", $"the architecture: {string.Join(", ", LstmVariants.All.Select(v => v.Name()))}", "vanilla")
                    .OneOf(LstmVariants.All.Select(v => v.Name())),
                JobParameter.Integer("hidden", "cells per layer", 32).Within(1, 4096),
                JobParameter.Integer("layers", "stacked LSTM layers", 1).Within(1, 16),
                JobParameter.Real("learning_rate", "learning rate", 1e-2).Above(0),
                JobParameter.Real("momentum", "momentum of sgd and nesterov (unused by adam)", 0.9).Within(0, 0.999999),
                JobParameter.Text("optimizer", "sgd, nesterov or adam", "nesterov").OneOf(OptimizerKinds.All.Select(o => o.Name())),
                JobParameter.Integer("batch", "sequences per update (1 = the paper's per-sequence updates)", 1).Within(1, 4096),
                JobParameter.Real("input_noise", "standard deviation of Gaussian noise on training inputs", 0).AtLeast(0),
                JobParameter.Real("clip", "largest norm of the whole gradient (0 = no clipping)", 0).AtLeast(0),
                JobParameter.Integer("max_epochs", "most passes over the training sequences", 20).Within(1, 100_000),
                JobParameter.Integer("patience", "epochs without a better validation loss before stopping", 3).Within(1, 100_000),
                JobParameter.Integer("sequence_length", "steps per sequence", TaskSizes.Default.SequenceLength).Within(1, 100_000, "2 or more for adding"),
                JobParameter.Integer("train_sequences", "training sequences", TaskSizes.Default.Train).Within(1, 10_000_000),
                JobParameter.Integer("valid_sequences", "validation sequences", TaskSizes.Default.Valid).Within(1, 10_000_000),
                JobParameter.Integer("test_sequences", "test sequences", TaskSizes.Default.Test).Within(1, 10_000_000),
            ],
            ["train_loss", "valid_loss", "test_loss", "test_accuracy", "optimal_loss", "epochs", "updates", "diverged",
             "diverged_at_step", "sequences_per_second", "parameters"],
            () => new LstmTrainJob())
        {
            CheckPoint = p => LstmTrainSettings.From(p),
        },
    ];

    public static JobRegistry Register(JobRegistry registry)
    {
        foreach (var definition in Definitions) registry.Register(definition);
        return registry;
    }
}
