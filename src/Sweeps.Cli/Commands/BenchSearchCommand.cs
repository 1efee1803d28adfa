using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Search.Functions;
using Sweeps.Search.Tpe;

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

    [CommandOption("--asha-configurations <N>")]
    [Description("Configurations of lstm.train (Reber) for successive halving against random search, trained to 1, 3 and 9 epochs (0: skip that study).")]
    [DefaultValue(27)]
    public int AshaConfigurations { get; init; } = 27;

    [CommandOption("--asha-seeds <N>")]
    [Description("Studies of successive halving against random search, with seeds 1 to N (other configurations and data each); more than 1 prints each seed's ratio and their median.")]
    [DefaultValue(1)]
    public int AshaSeeds { get; init; } = 1;

    public override ValidationResult Validate()
    {
        if (AshaSeeds is < 1 or > 100) return ValidationResult.Error($"--asha-seeds: {AshaSeeds} is out of range; give 1 to 100");
        if (AshaConfigurations is < 0 or > 729) return ValidationResult.Error($"--asha-configurations: {AshaConfigurations} is out of range; give 0 to 729");
        if (Trials is < 1 or > 10_000) return ValidationResult.Error($"--trials: {Trials} is out of range; give 1 to 10000");
        if (Seeds is < 1 or > 1000) return ValidationResult.Error($"--seeds: {Seeds} is out of range; give 1 to 1000");
        return base.Validate();
    }
}

/// <summary>
/// <c>sweeps bench search</c>: TPE, univariate and multivariate (<c>tpe: {multivariate: true}</c>, Optuna 5's neighbour-gap
/// bandwidths; also with Scott's rule, <see cref="JointBandwidth.Scott"/>), against random search on Branin and Hartmann-6, the median simple regret after N trials over the same seeds, and their ratios; then successive halving against random search on lstm.train's Reber
/// task, the epochs each spent until a validation loss reached random search's best (<see cref="AshaLstmStudy"/>), in one run.
/// </summary>
public sealed class BenchSearchCommand : SweepsCommand<BenchSearchSettings>
{
    protected override Task<int> RunAsync(BenchSearchSettings settings, CancellationToken interruption)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"median simple regret after {settings.Trials} trials, {settings.Seeds} seeds (lower is better)");
        foreach (var column in new[] { "function", "random", "tpe", "multivariate", "multivariate, Scott", "tpe / random", "multivariate / random", "Scott / random" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var function in new TestFunction[] { new Branin(), new Hartmann6() })
        {
            interruption.ThrowIfCancellationRequested();
            var random = RegretStudy.Random(function, settings.Trials, settings.Seeds);
            var tpe = RegretStudy.Tpe(function, settings.Trials, settings.Seeds);
            var joint = RegretStudy.Tpe(function, settings.Trials, settings.Seeds, TpeSettings.OptunaMultivariate);
            var scott = RegretStudy.Tpe(function, settings.Trials, settings.Seeds, TpeSettings.OptunaMultivariate with { Bandwidth = JointBandwidth.Scott });
            table.AddRow(function.Name, Numbers.Significant(random.MedianRegret), Numbers.Significant(tpe.MedianRegret),
                Numbers.Significant(joint.MedianRegret), Numbers.Significant(scott.MedianRegret), $"{tpe.MedianRegret / random.MedianRegret:0.00}",
                $"{joint.MedianRegret / random.MedianRegret:0.00}", $"{scott.MedianRegret / random.MedianRegret:0.00}");
        }
        Out.Write(table);
        Out.MarkupLine("multivariate: tpe: {multivariate: true}, each kernel as wide as its gap to its neighbours (Optuna 5); Scott: the same with Scott's rule (Optuna 2.2 to 4.x)");
        if (settings.AshaConfigurations > 0)
        {
            var studies = Enumerable.Range(1, settings.AshaSeeds)
                .Select(seed => AshaLstmStudy.Run(settings.AshaConfigurations, 1, 9, (ulong)seed, interruption)).ToList();
            if (studies.Count == 1) WriteAsha(studies[0]);
            else WriteAshaSeeds(studies);
        }
        return Task.FromResult(0);
    }

    /// <summary>One line a seed, and the median of the ratios (a seed where halving never reached random's best counts as the worst).</summary>
    private void WriteAshaSeeds(IReadOnlyList<AshaLstmStudy.Result> studies)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"lstm.train on Reber, {studies[0].Configurations} configurations a seed: epochs until a validation loss of random search's best");
        foreach (var column in new[] { "seed", "random's best", "random", "sha", "asha", "sha / random", "asha / random" })
            table.AddColumn(new TableColumn(column).RightAligned());
        var (sync, async) = (new List<double>(), new List<double>());
        for (var i = 0; i < studies.Count; i++)
        {
            var study = studies[i];
            sync.Add(Ratio(study.Ladder, study));
            async.Add(Ratio(study.Asynchronous, study));
            table.AddRow($"{i + 1}", Numbers.Significant(study.RandomBest), $"{study.RandomEpochsToBest:N0}", Epochs(study.Ladder), Epochs(study.Asynchronous),
                Shown(sync[^1]), Shown(async[^1]));
        }
        Out.Write(table);
        double Spent(Func<AshaLstmStudy.Result, AshaLstmStudy.Halving> halving) =>
            studies.Sum(s => (double)halving(s).Epochs) / studies.Sum(s => (double)s.RandomEpochs);
        Out.MarkupLine($"halving / random, epochs to random's best, median over {studies.Count} seeds: sha [green]{Shown(Median(sync))}[/], " +
                       $"asha [green]{Shown(Median(async))}[/]; epochs in all: sha {Spent(s => s.Ladder):0.00}, asha {Spent(s => s.Asynchronous):0.00}");
    }

    private void WriteAsha(AshaLstmStudy.Result study)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"lstm.train on Reber, {study.Configurations} configurations: epochs until a validation loss of random search's best ({Numbers.Significant(study.RandomBest)})");
        foreach (var column in new[] { "search", "best valid loss", "epochs in all", "epochs to random's best" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.AddRow("random, 9 epochs each", Numbers.Significant(study.RandomBest), $"{study.RandomEpochs:N0}", $"{study.RandomEpochsToBest:N0}");
        var rungs = string.Join("/", study.Rungs);
        table.AddRow($"successive halving, rungs {rungs}, η 3", Numbers.Significant(study.Ladder.Best), $"{study.Ladder.Epochs:N0}", Epochs(study.Ladder));
        table.AddRow($"asynchronous (asha), rungs {rungs}, η 3", Numbers.Significant(study.Asynchronous.Best), $"{study.Asynchronous.Epochs:N0}", Epochs(study.Asynchronous));
        Out.Write(table);
        Out.MarkupLine($"halving / random, epochs to random's best: sha [green]{Shown(Ratio(study.Ladder, study))}[/], asha [green]{Shown(Ratio(study.Asynchronous, study))}[/]; " +
                       $"epochs in all: sha {(double)study.Ladder.Epochs / study.RandomEpochs:0.00}, asha {(double)study.Asynchronous.Epochs / study.RandomEpochs:0.00}");
    }

    private static double Ratio(AshaLstmStudy.Halving halving, AshaLstmStudy.Result study) =>
        halving.EpochsToRandomBest is { } reached ? (double)reached / study.RandomEpochsToBest : double.PositiveInfinity;

    private static string Epochs(AshaLstmStudy.Halving halving) => halving.EpochsToRandomBest is { } epochs ? $"{epochs:N0}" : "not reached";

    private static string Shown(double ratio) => double.IsFinite(ratio) ? $"{ratio:0.00}" : "not reached";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
