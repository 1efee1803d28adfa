using Sweeps.Core.Parameters;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm.Jobs;

/// <summary>The parameters of an <c>lstm.train</c> trial, read and checked; every bad value names itself and what it should be.</summary>
public sealed record LstmTrainSettings(string Task, TaskSizes Sizes, TrainingOptions Options)
{
    public static LstmTrainSettings From(TrialParameters parameters)
    {
        var task = parameters.GetText("task", AddingTask.Name).Trim().ToLowerInvariant();
        if (!SequenceTasks.IsKnown(task))
            throw new JobParameterException("task", $"must be one of {string.Join(", ", SequenceTasks.Names)}, got '{task}'");

        var variantText = parameters.GetText("variant", LstmVariant.Vanilla.Name());
        if (!LstmVariants.TryParse(variantText, out var variant))
            throw new JobParameterException("variant", $"must be one of {string.Join(", ", LstmVariants.All.Select(v => v.Name()))}, got '{variantText}'");

        var optimizerText = parameters.GetText("optimizer", OptimizerKind.Nesterov.Name());
        if (!OptimizerKinds.TryParse(optimizerText, out var optimizer))
            throw new JobParameterException("optimizer", $"must be one of {string.Join(", ", OptimizerKinds.All.Select(o => o.Name()))}, got '{optimizerText}'");

        var defaults = TaskSizes.Default;
        var sizes = new TaskSizes(
            Integer(parameters, "train_sequences", defaults.Train, 1, 10_000_000),
            Integer(parameters, "valid_sequences", defaults.Valid, 1, 10_000_000),
            Integer(parameters, "test_sequences", defaults.Test, 1, 10_000_000),
            Integer(parameters, "sequence_length", defaults.SequenceLength, task == AddingTask.Name ? 2 : 1, 100_000));

        // Generated data lives in memory: keep a mistyped size from taking the worker down.
        const long maxSteps = 20_000_000;
        foreach (var (name, count) in new[] { ("train_sequences", sizes.Train), ("valid_sequences", sizes.Valid), ("test_sequences", sizes.Test) })
            if ((long)count * sizes.SequenceLength > maxSteps)
                throw new JobParameterException(name, $"times sequence_length must be at most {maxSteps} steps, got {count} x {sizes.SequenceLength}");

        var options = new TrainingOptions
        {
            Variant = variant,
            Optimizer = optimizer,
            Hidden = Integer(parameters, "hidden", 32, 1, 4096),
            Layers = Integer(parameters, "layers", 1, 1, 16),
            Batch = Integer(parameters, "batch", 1, 1, 4096),
            MaxEpochs = Integer(parameters, "max_epochs", 20, 1, 100_000),
            Patience = Integer(parameters, "patience", 3, 1, 100_000),
            LearningRate = Real(parameters, "learning_rate", 1e-2, positive: true),
            Momentum = Real(parameters, "momentum", 0.9, max: 0.999999),
            InputNoise = Real(parameters, "input_noise", 0),
            Clip = Real(parameters, "clip", 0),
        };
        return new LstmTrainSettings(task, sizes, options);
    }

    private static int Integer(TrialParameters parameters, string name, int fallback, int min, int max)
    {
        var value = parameters.GetInteger(name, fallback);
        if (value < min || value > max) throw new JobParameterException(name, $"must be from {min} to {max}, got {value}");
        return (int)value;
    }

    private static double Real(TrialParameters parameters, string name, double fallback, bool positive = false, double max = double.MaxValue)
    {
        var value = parameters.GetReal(name, fallback);
        if (!double.IsFinite(value)) throw new JobParameterException(name, $"must be a finite number, got {value}");
        if (positive && value <= 0) throw new JobParameterException(name, $"must be greater than 0, got {value}");
        if (value < 0) throw new JobParameterException(name, $"must be 0 or more, got {value}");
        if (value > max) throw new JobParameterException(name, $"must be at most {max}, got {value}");
        return value;
    }
}
