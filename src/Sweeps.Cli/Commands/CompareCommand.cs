using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Core.Spec;
using Sweeps.Store.Query;

namespace Sweeps.Cli.Commands;

public sealed class CompareSettings : MetricSettings
{
    [CommandOption("--by <PARAMETER>")]
    [Description("Group trials by this parameter (e.g. [green]variant[/]).")]
    public string By { get; init; } = "";

    [CommandOption("--baseline <VALUE>")]
    [Description("The group the others are tested against with Welch's t-test (e.g. [green]vanilla[/]).")]
    public string? Baseline { get; init; }

    [CommandOption("--where <EXPR>")]
    [Description("Compare only the trials that match, as in sweeps query.")]
    public string? Where { get; init; }

    public override ValidationResult Validate() =>
        By.Length == 0 ? ValidationResult.Error("--by: give the parameter to group by, e.g. --by variant") : base.Validate();
}

/// <summary><c>sweeps compare NAME --by PARAM</c>: each group's mean, spread and best on a metric, and Welch's test against a baseline.</summary>
public sealed class CompareCommand : SweepsCommand<CompareSettings>
{
    protected override Task<int> RunAsync(CompareSettings settings, CancellationToken interruption)
    {
        var store = settings.OpenStoreToRead();
        var stored = StoredSweep.Load(store, settings.Name);
        var (sweep, spec) = (stored.Row, stored.Spec);
        var goal = MetricGoal.Parse(settings.Goal);
        var metric = MetricGoal.Known(settings.Metric ?? spec.Objective?.Metric
            ?? throw new UsageException("--metric: this sweep has no objective; say which metric to compare, e.g. --metric test_loss"), stored.Metrics);
        if (!stored.Parameters.Contains(settings.By) && !TrialFields.Columns.Contains(settings.By))
            throw new UsageException($"--by: '{settings.By}' is not a parameter of this sweep; it has: {string.Join(", ", stored.Parameters)}");
        var known = stored.Fields.Append(metric).Distinct().ToList();
        var filter = settings.Where is null ? TrialFilter.All : TrialFilter.Parse(settings.Where, known);
        var lowerIsBetter = MetricGoal.For(metric, goal, spec.Objective) is { } direction ? direction == ObjectiveGoal.Minimize : (bool?)null;

        var groups = GroupComparison.Compare(store.ReadTrials(sweep.Name).Where(filter.Matches), settings.By, metric, settings.Baseline, lowerIsBetter);
        if (settings.Baseline is { } baseline && groups.All(g => g.Group != baseline))
            throw new UsageException($"--baseline: no completed trials with {settings.By} = {baseline}; groups: {string.Join(", ", groups.Select(g => g.Group))}");

        var table = new Table().Border(TableBorder.Simple)
            .Title($"{Markup.Escape(sweep.Name)}: {Markup.Escape(metric)} by {Markup.Escape(settings.By)} " +
                   (lowerIsBetter switch { true => "(lower is better)", false => "(higher is better)", null => "(no direction: give --goal min or max)" }));
        foreach (var column in new[] { settings.By, "n", "no value", "mean", "std", "median", "best", settings.Baseline is null ? "" : $"p vs {settings.Baseline}", "" })
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        foreach (var g in groups)
        {
            var verdict = g.Verdict switch { "better" => "[green]better[/]", "worse" => "[red]worse[/]", var v => v };
            table.AddRow(Markup.Escape(g.Group), g.Count.ToString(), g.Missing.ToString(), Numbers.Significant(g.Mean), Numbers.Significant(g.StandardDeviation),
                Numbers.Significant(g.Median), lowerIsBetter is null ? "" : Numbers.Significant(g.Best), g.P is { } p ? p.ToString("0.0000") : "", verdict);
        }
        Out.Write(table);
        if (settings.Baseline is not null) Out.MarkupLine("[grey]Welch's two-sided t-test against the baseline; better/worse at p < 0.05.[/]");
        return Task.FromResult(0);
    }
}
