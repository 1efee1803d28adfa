using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Cli.Commands;

public sealed class QuerySettings : StoreSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The sweep whose trials to print.")]
    public string Name { get; init; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("[green]table[/], [green]csv[/] or [green]json[/].")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("--where <EXPR>")]
    [Description("Keep trials that match, e.g. [green]\"dimension>=100 and fraction<0.5\"[/]; fields are parameters, metrics, and trial, replicate, attempt, status, worker, duration_ms; and/or/not and parentheses.")]
    public string? Where { get; init; }

    [CommandOption("--sort <FIELD>")]
    [Description("Sort by a metric, parameter or column (ascending; see --desc). Trials without the field come last.")]
    public string? Sort { get; init; }

    [CommandOption("--desc")]
    [Description("Sort descending.")]
    public bool Descending { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Print at most N trials.")]
    public int? Limit { get; init; }

    public override ValidationResult Validate()
    {
        if (Format is not ("table" or "csv" or "json"))
            return ValidationResult.Error($"--format: '{Format}' is not a format; use table, csv or json");
        if (Limit is < 0) return ValidationResult.Error($"--limit: {Limit} is negative; give 0 or more");
        if (Descending && Sort is null) return ValidationResult.Error("--desc sorts, so it needs --sort FIELD");
        return base.Validate();
    }
}

/// <summary><c>sweeps query NAME</c>: a sweep's trials with their parameters and metrics as columns.</summary>
public sealed class QueryCommand : SweepsCommand<QuerySettings>
{
    protected override Task<int> RunAsync(QuerySettings settings, CancellationToken interruption)
    {
        var store = settings.OpenStore();
        var stored = StoredSweep.Load(store, settings.Name);
        var (sweep, parameters, metrics, fields) = (stored.Row, stored.Parameters, stored.Metrics, stored.FieldSet);
        var filter = settings.Where is null ? TrialFilter.All : TrialFilter.Parse(settings.Where, fields);
        TrialSort? sort = null;
        if (settings.Sort is { } name)
            sort = fields.TryResolve(name, out var field) ? new TrialSort(field, settings.Descending)
                : throw new UsageException($"--sort: unknown field '{name}'; this sweep has: {string.Join(", ", fields.Names)}");

        var rows = store.ReadTrials(sweep.Name, new TrialQuery(filter, sort, settings.Limit, WithSeries: false));

        var columns = new TrialColumns(parameters, metrics);
        switch (settings.Format)
        {
            case "csv": TrialCsv.Write(Console.Out, columns, rows); break;
            case "json": TrialJson.Write(Console.OpenStandardOutput(), rows); break;
            default: TrialTable.Write(Out, columns, rows); break;
        }
        return Task.FromResult(0);
    }
}
