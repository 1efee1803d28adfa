using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Search.Functions;

namespace Sweeps.Cli.Commands;

public sealed class BenchSearchSettings : CommonSettings
{
    [CommandOption("--trials <N>")]
    [Description("Trials each search runs.")]
    [DefaultValue(100)]
    public int Trials { get; init; } = 100;

    [CommandOption("--seeds <N>")]
    [Description("Searches per sampler and function, with seeds 0 to N-1 for each sampler.")]
    [DefaultValue(20)]
    public int Seeds { get; init; } = 20;

    public override ValidationResult Validate()
    {
        if (Trials is < 1 or > 10_000) return ValidationResult.Error($"--trials: {Trials} is out of range; give 1 to 10000");
        if (Seeds is < 1 or > 1000) return ValidationResult.Error($"--seeds: {Seeds} is out of range; give 1 to 1000");
        return base.Validate();
    }
}

/// <summary>
/// <c>sweeps bench search</c>: TPE against random search on Branin and Hartmann-6, the median simple regret after N
/// trials over the same seeds, and their ratio, in one run.
/// </summary>
public sealed class BenchSearchCommand : SweepsCommand<BenchSearchSettings>
{
    protected override Task<int> RunAsync(BenchSearchSettings settings, CancellationToken interruption)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"median simple regret after {settings.Trials} trials, {settings.Seeds} seeds (lower is better)");
        foreach (var column in new[] { "function", "random", "tpe", "tpe / random" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var function in new TestFunction[] { new Branin(), new Hartmann6() })
        {
            interruption.ThrowIfCancellationRequested();
            var random = RegretStudy.Random(function, settings.Trials, settings.Seeds);
            var tpe = RegretStudy.Tpe(function, settings.Trials, settings.Seeds);
            table.AddRow(function.Name, Numbers.Significant(random.MedianRegret), Numbers.Significant(tpe.MedianRegret),
                $"{tpe.MedianRegret / random.MedianRegret:0.00}");
        }
        Out.Write(table);
        return Task.FromResult(0);
    }
}
