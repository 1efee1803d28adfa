using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Core.Spec;
using Sweeps.Store.Query;

namespace Sweeps.Cli.Commands;

public sealed class BestSettings : MetricSettings
{
    [CommandOption("--top <K>")]
    [Description("How many trials to print.")]
    [DefaultValue(5)]
    public int Top { get; init; } = 5;

    [CommandOption("--format <FORMAT>")]
    [Description("[green]table[/], [green]csv[/] or [green]json[/].")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate()
    {
        if (Top < 1) return ValidationResult.Error($"--top: {Top} is not a count; give 1 or more");
        if (Format is not ("table" or "csv" or "json")) return ValidationResult.Error($"--format: '{Format}' is not a format; use table, csv or json");
        return base.Validate();
    }
}

/// <summary><c>sweeps best NAME [--top K]</c>: the completed trials that did best on the objective (or --metric and --goal).</summary>
public sealed class BestCommand : SweepsCommand<BestSettings>
{
    protected override Task<int> RunAsync(BestSettings settings, CancellationToken interruption)
    {
        var store = settings.OpenStoreToRead();
        var stored = StoredSweep.Load(store, settings.Name);
        var objective = stored.Spec.Objective;
        var given = MetricGoal.Parse(settings.Goal);
        var metric = settings.Metric ?? objective?.Metric
            ?? throw new UsageException("this sweep has no objective: say what best means, e.g. --metric test_loss --goal min");
        metric = MetricGoal.Known(metric, stored.Metrics);
        var goal = MetricGoal.For(metric, given, objective)
            ?? throw new UsageException($"--goal: '{metric}' is not the sweep's objective, so say whether lower or higher is better: --goal min or --goal max");

        var fields = stored.FieldSet;
        var field = fields.TryResolve(TrialFieldSet.MetricPrefix + metric, out var resolved) ? resolved : new TrialField(metric, FieldSource.Metric, metric);
        var query = new TrialQuery(TrialFilter.Parse($"status = completed and {TrialFieldSet.MetricPrefix}{metric} >= -1e999", fields),
            new TrialSort(field, goal == ObjectiveGoal.Maximize), settings.Top, WithSeries: false);
        var rows = store.ReadTrials(stored.Row.Name, query);

        var columns = new TrialColumns(stored.Parameters, [metric, .. stored.Metrics.Where(m => m != metric)], withTimes: settings.Format != "table");
        switch (settings.Format)
        {
            case "csv": TrialCsv.Write(Console.Out, columns, rows); break;
            case "json": TrialJson.Write(Console.OpenStandardOutput(), rows); break;
            default:
                Out.MarkupLine($"[bold]{Markup.Escape(stored.Row.Name)}[/]: best {settings.Top} by {Markup.Escape(metric)} ({(goal == ObjectiveGoal.Maximize ? "higher" : "lower")} is better)");
                TrialTable.Write(Out, columns, rows);
                break;
        }
        return Task.FromResult(0);
    }
}
