using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Lstm;

namespace Sweeps.Cli.Commands;

public sealed class BenchLstmSettings : CommonSettings
{
    [CommandOption("--batch <B>")]
    [Description("Sequences in a mini-batch.")]
    [DefaultValue(1)]
    public int Batch { get; init; } = 1;

    [CommandOption("--hidden <H>")]
    [Description("LSTM cells.")]
    [DefaultValue(128)]
    public int Hidden { get; init; } = 128;

    [CommandOption("--input <D>")]
    [Description("Inputs a step.")]
    [DefaultValue(32)]
    public int Input { get; init; } = 32;

    [CommandOption("--steps <T>")]
    [Description("Time steps a sequence.")]
    [DefaultValue(100)]
    public int Steps { get; init; } = 100;

    [CommandOption("--variant <NAME>")]
    [Description("vanilla, nig, nfg, nog, niaf, noaf, cifg, np (default: np, the LSTM of libtorch) or fgr.")]
    [DefaultValue("np")]
    public string Variant { get; init; } = "np";

    [CommandOption("--repetitions <N>")]
    [Description("Passes timed; the median is reported.")]
    [DefaultValue(50)]
    public int Repetitions { get; init; } = 50;

    [CommandOption("--checkpoints")]
    [Description("Instead of one pass: the time of an lstm.train epoch (adding task, 1000 sequences of 50 steps, Adam, --hidden, --batch, --variant) without and with a checkpoint after every epoch, and the extra share.")]
    public bool Checkpoints { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("With --checkpoints: epochs of each of the 4 trainings without and the 4 with checkpoints, which alternate (the first epoch of each is not timed).")]
    [DefaultValue(5)]
    public int Epochs { get; init; } = 5;

    [CommandOption("--checkpoint-dir <DIR>")]
    [Description("With --checkpoints: the folder to write checkpoints to (e.g. the shared one workers use); default a temporary folder, removed afterwards.")]
    public string? CheckpointDirectory { get; init; }

    public override ValidationResult Validate()
    {
        if (Epochs < 2) return ValidationResult.Error($"--epochs: {Epochs} is too small; give 2 or more");
        foreach (var (name, value) in new[] { ("--batch", Batch), ("--hidden", Hidden), ("--input", Input), ("--steps", Steps), ("--repetitions", Repetitions) })
            if (value < 1) return ValidationResult.Error($"{name}: {value} is too small; give 1 or more");
        if (!LstmVariants.TryParse(Variant, out _))
            return ValidationResult.Error($"--variant: unknown variant '{Variant}'; known: {string.Join(", ", LstmVariants.All.Select(v => v.Name()))}");
        return base.Validate();
    }
}

/// <summary>
/// <c>sweeps bench lstm</c>: the median time of one forward and backward pass of one LSTM layer, on one core, float32;
/// with <c>--checkpoints</c>, what a checkpoint after every epoch adds to an epoch of lstm.train.
/// </summary>
public sealed class BenchLstmCommand : SweepsCommand<BenchLstmSettings>
{
    protected override Task<int> RunAsync(BenchLstmSettings settings, CancellationToken interruption)
    {
        LstmVariants.TryParse(settings.Variant, out var variant);
        if (settings.Checkpoints) return Task.FromResult(RunCheckpoints(settings, variant));
        var result = LstmBench.Measure(variant, settings.Batch, settings.Hidden, settings.Input, settings.Steps, settings.Repetitions);
        Out.MarkupLine($"lstm {variant.Name()}, batch {result.Batch}, hidden {result.Hidden}, input {result.Input}, {result.Steps} steps, float32, one thread:");
        Out.MarkupLine($"  forward+backward median [green]{result.MedianMilliseconds:0.000} ms[/] (fastest {result.FastestMilliseconds:0.000} ms), {result.SequencesPerSecond:N0} sequences/s");
        return Task.FromResult(0);
    }

    private int RunCheckpoints(BenchLstmSettings settings, LstmVariant variant)
    {
        var folder = settings.CheckpointDirectory ?? Directory.CreateTempSubdirectory("sweeps-bench-checkpoints-").FullName;
        try
        {
            var result = CheckpointBench.Measure(variant, settings.Hidden, settings.Batch, settings.Epochs, folder);
            Out.MarkupLine($"lstm.train epoch, adding task (1000 x 50 steps), {variant.Name()}, hidden {result.Hidden}, batch {result.Batch}, adam, float32, one thread, {result.EpochsTimed} epochs timed each way:");
            var cpu = result.ProcessorTimeMeasured ? "processor time of the training thread" : "wall clock (no thread clock here)";
            Out.MarkupLine($"  without checkpoints: median [green]{result.Without.Median:0.0} ms[/], fastest {result.Without.Fastest:0.0} ms; {cpu} {result.Without.MedianProcessor:0.0} ms");
            Out.MarkupLine($"  with a checkpoint each epoch: median [green]{result.With.Median:0.0} ms[/] ({result.ExtraShare:+0.0%;-0.0%}), fastest {result.With.Fastest:0.0} ms ({result.FastestExtraShare:+0.0%;-0.0%}); {cpu} {result.With.MedianProcessor:0.0} ms ([green]{result.ProcessorExtraShare:+0.0%;-0.0%}[/])");
            Out.MarkupLine($"  the checkpoint itself: median [green]{result.CheckpointMilliseconds:0.00} ms[/] ({result.CheckpointShare:0.0%} of the fastest epoch), {result.CheckpointProcessorMilliseconds:0.00} ms of it processor time; {result.CheckpointBytes:N0} bytes, saving (write, flush, rename) {result.SaveMilliseconds:0.00} ms");
            Out.MarkupLine($"  in {Markup.Escape(folder)}");
            return 0;
        }
        finally
        {
            var written = settings.CheckpointDirectory is null ? folder : Path.Combine(folder, "bench-checkpoints");
            if (Directory.Exists(written)) Directory.Delete(written, recursive: true);
        }
    }
}
