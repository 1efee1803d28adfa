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

    public override ValidationResult Validate()
    {
        foreach (var (name, value) in new[] { ("--batch", Batch), ("--hidden", Hidden), ("--input", Input), ("--steps", Steps), ("--repetitions", Repetitions) })
            if (value < 1) return ValidationResult.Error($"{name}: {value} is too small; give 1 or more");
        if (!LstmVariants.TryParse(Variant, out _))
            return ValidationResult.Error($"--variant: unknown variant '{Variant}'; known: {string.Join(", ", LstmVariants.All.Select(v => v.Name()))}");
        return base.Validate();
    }
}

/// <summary><c>sweeps bench lstm</c>: the median time of one forward and backward pass of one LSTM layer, on one core, float32.</summary>
public sealed class BenchLstmCommand : SweepsCommand<BenchLstmSettings>
{
    protected override Task<int> RunAsync(BenchLstmSettings settings, CancellationToken interruption)
    {
        LstmVariants.TryParse(settings.Variant, out var variant);
        var result = LstmBench.Measure(variant, settings.Batch, settings.Hidden, settings.Input, settings.Steps, settings.Repetitions);
        Out.MarkupLine($"lstm {variant.Name()}, batch {result.Batch}, hidden {result.Hidden}, input {result.Input}, {result.Steps} steps, float32, one thread:");
        Out.MarkupLine($"  forward+backward median [green]{result.MedianMilliseconds:0.000} ms[/] (fastest {result.FastestMilliseconds:0.000} ms), {result.SequencesPerSecond:N0} sequences/s");
        return Task.FromResult(0);
    }
}
