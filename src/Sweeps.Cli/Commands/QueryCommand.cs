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
        var store = settings.OpenStoreToRead();
        var stored = StoredSweep.Load(store, settings.Name);
        var (sweep, parameters, metrics, known) = (stored.Row, stored.Parameters, stored.Metrics, stored.Fields);
        var filter = settings.Where is null ? TrialFilter.All : TrialFilter.Parse(settings.Where, known);
        if (settings.Sort is not null && !known.Contains(settings.Sort))
            throw new UsageException($"--sort: unknown field '{settings.Sort}'; this sweep has: {string.Join(", ", known)}");

        var rows = store.ReadTrials(sweep.Name).Where(filter.Matches);
        if (settings.Sort is { } field) rows = Sorted(rows, field, settings.Descending, settings.Limit);
        if (settings.Limit is { } limit) rows = rows.Take(limit);

        var columns = new TrialColumns(parameters, metrics);
        switch (settings.Format)
        {
            case "csv": TrialCsv.Write(Console.Out, columns, rows); break;
            case "json": TrialJson.Write(Console.OpenStandardOutput(), rows); break;
            default: TrialTable.Write(Out, columns, rows); break;
        }
        return Task.FromResult(0);
    }

    /// <summary>Sorts by a field (trials without it last); with a limit it keeps only the best few while streaming.</summary>
    private static IEnumerable<TrialRow> Sorted(IEnumerable<TrialRow> rows, string field, bool descending, int? limit)
    {
        var keyed = rows.Select(r => (Row: r, Key: TrialFields.Get(r, field) is double d ? d : double.NaN));
        var sorted = limit is { } n ? TopK(keyed, n, descending) : Order(keyed.ToList(), descending).ToList();
        return sorted.Select(x => x.Row);
    }

    private static List<(TrialRow Row, double Key)> TopK(IEnumerable<(TrialRow Row, double Key)> rows, int k, bool descending)
    {
        var kept = new List<(TrialRow Row, double Key)>();
        foreach (var row in rows)
        {
            kept.Add(row);
            if (kept.Count < 4 * Math.Max(k, 16)) continue;
            kept = Order(kept, descending).Take(k).ToList();
        }
        return Order(kept, descending).Take(k).ToList();
    }

    private static IEnumerable<(TrialRow Row, double Key)> Order(List<(TrialRow Row, double Key)> rows, bool descending) =>
        rows.OrderBy(r => double.IsNaN(r.Key) ? 1 : 0).ThenBy(r => descending ? -r.Key : r.Key).ThenBy(r => r.Row.Index);
}
