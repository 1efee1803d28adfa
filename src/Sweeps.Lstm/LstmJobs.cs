using Sweeps.Core.Jobs;
using Sweeps.Lstm.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Tasks.Files;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm;

/// <summary>The job kinds of this library, for a node's <see cref="JobRegistry"/>.</summary>
public static class LstmJobs
{
    public static IReadOnlyList<JobDefinition> Definitions { get; } =
    [
        new JobDefinition(
            LstmTrainJob.Kind,
            "Trains one LSTM variant (Greff et al. 2017) on a generated task (adding, reber, polyphonic) or a sequence file (task: file, data: path) with early stopping; float32, one core.",
            [
                JobParameter.Text("task", $"the task: {string.Join(", ", LstmTrainSettings.TaskNames)} (file reads data:)", AddingTask.Name).OneOf(LstmTrainSettings.TaskNames),
                JobParameter.File("data", "the sequence file of task: file (.txt, .jsonl/.ndjson or .csv; see Sweeps.Lstm's README); relative to the spec's folder",
                    path => SequenceFile.Read(path, 1)),
                JobParameter.Real("valid_share", "task: file: share of the file's sequences held out for validation", 0.1).Above(0, 0.9, maxExclusive: true),
                JobParameter.Real("test_share", "task: file: share of the file's sequences held out for test", 0.1).Above(0, 0.9, maxExclusive: true),
                JobParameter.Integer("split_seed", "task: file: seed of the train/validation/test split (the same for every trial unless swept)", 0).Within(0, int.MaxValue),
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
                JobParameter.Integer("sequence_length", "steps per sequence (task: file: window length of a .txt file; numeric files give their own)", TaskSizes.Default.SequenceLength).Within(1, 100_000, "2 or more for adding"),
                JobParameter.Integer("train_sequences", "training sequences (generated tasks)", TaskSizes.Default.Train).Within(1, 10_000_000),
                JobParameter.Integer("valid_sequences", "validation sequences (generated tasks)", TaskSizes.Default.Valid).Within(1, 10_000_000),
                JobParameter.Integer("test_sequences", "test sequences (generated tasks)", TaskSizes.Default.Test).Within(1, 10_000_000),
            ],
            ["train_loss", "valid_loss", "test_loss", "test_accuracy", "optimal_loss", "epochs", "updates", "diverged",
             "diverged_at_step", "sequences_per_second", "parameters"],
            () => new LstmTrainJob())
        {
            CheckPoint = p => LstmTrainSettings.From(p),
            Steps = "epoch",
        },
    ];

    public static JobRegistry Register(JobRegistry registry)
    {
        foreach (var definition in Definitions) registry.Register(definition);
        return registry;
    }
}
