using Sweeps.Core.Parameters;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Tasks.Files;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm.Jobs;

/// <summary>The parameters of an <c>lstm.train</c> trial, read and checked; every bad value names itself and what it should be.</summary>
public sealed record LstmTrainSettings(string Task, TaskSizes Sizes, TrainingOptions Options)
{
    /// <summary>The generated tasks and <c>file</c>, which reads <see cref="Data"/>.</summary>
    public static IReadOnlyList<string> TaskNames { get; } = [.. SequenceTasks.Names, FileSplit.Name];

    /// <summary>The sequence file of <c>task: file</c> (absolute once the spec is read); null for generated tasks.</summary>
    public string? Data { get; init; }

    public double ValidShare { get; init; } = 0.1;
    public double TestShare { get; init; } = 0.1;
    public ulong SplitSeed { get; init; }

    /// <summary>What the trial trains on, for its checkpoints (the training options are described by the trainer).</summary>
    public string DataIdentity =>
        $"task {Task}, {Sizes}, data {Data ?? "generated"}, valid_share {ValidShare:R}, test_share {TestShare:R}, split_seed {SplitSeed}";

    public static LstmTrainSettings From(TrialParameters parameters)
    {
        var task = parameters.GetText("task", AddingTask.Name).Trim().ToLowerInvariant();
        if (!TaskNames.Contains(task))
            throw new JobParameterException("task", $"must be one of {string.Join(", ", TaskNames)}, got '{task}'");
        var data = parameters.GetText("data", "").Trim();
        if (task == FileSplit.Name && data.Length == 0)
            throw new JobParameterException("data", "is required by task: file; give the path of a .txt, .jsonl or .csv sequence file");
        if (task != FileSplit.Name && data.Length > 0)
            throw new JobParameterException("data", $"is read only by task: file, but task is {task}");
        if (data.Length > 0 && SequenceFileFormats.FromPath(data) is null)
            throw new JobParameterException("data", $"must name a file ending in {string.Join(", ", SequenceFileFormats.Extensions)} (the extension says its format), got '{data}'");
        var validShare = Share(parameters, "valid_share");
        var testShare = Share(parameters, "test_share");
        if (validShare + testShare >= 0.95)
            throw new JobParameterException("test_share", $"plus valid_share must leave training sequences: {testShare} + {validShare} is 0.95 or more");
        var splitSeed = Integer(parameters, "split_seed", 0, 0, int.MaxValue);

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
        return new LstmTrainSettings(task, sizes, options)
        {
            Data = data.Length > 0 ? data : null,
            ValidShare = validShare,
            TestShare = testShare,
            SplitSeed = (ulong)splitSeed,
        };
    }

    /// <summary>The task to train on: generated from the seed, or read from <see cref="Data"/> and split by <see cref="SplitSeed"/>.</summary>
    /// <exception cref="JobParameterException">The file cannot be read or is malformed (file:line and what is wrong).</exception>
    public SequenceTask MakeTask(ulong seed)
    {
        if (Data is null) return SequenceTasks.Generate(Task, Sizes, seed);
        try
        {
            return FileSplit.Make(SequenceFile.Read(Data, Sizes.SequenceLength), Data, ValidShare, TestShare, SplitSeed);
        }
        catch (SequenceFileException e)
        {
            throw new JobParameterException("data", $"cannot be used: {e.Message}");
        }
    }

    private static double Share(TrialParameters parameters, string name)
    {
        var value = parameters.GetReal(name, 0.1);
        if (!(value > 0 && value < 0.9)) throw new JobParameterException(name, $"must be above 0 and below 0.9, got {value}");
        return value;
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
