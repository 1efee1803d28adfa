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
    [Description("[green]table[/], [green]csv[/], [green]json[/] or [green]parquet[/] (with --output FILE).")]
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

    [CommandOption("--output <FILE>")]
    [Description("Write to this file instead of standard output (needed for parquet).")]
    public string? Output { get; init; }

    [CommandOption("--series")]
    [Description("Add each trial's learning curves (the series it reported) to the JSON.")]
    public bool Series { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Print at most N trials.")]
    public int? Limit { get; init; }

    public override ValidationResult Validate()
    {
        if (Format is not ("table" or "csv" or "json" or "parquet"))
            return ValidationResult.Error($"--format: '{Format}' is not a format; use table, csv, json or parquet");
        if (Format == "parquet" && Output is null) return ValidationResult.Error("--format parquet writes a file: give --output FILE");
        if (Series && Format != "json") return ValidationResult.Error("--series adds learning curves to JSON: use it with --format json");
        if (Limit is < 0) return ValidationResult.Error($"--limit: {Limit} is negative; give 0 or more");
        if (Descending && Sort is null) return ValidationResult.Error("--desc sorts, so it needs --sort FIELD");
        return base.Validate();
    }
}

/// <summary><c>sweeps query NAME</c>: a sweep's trials with their parameters and metrics as columns.</summary>
public sealed class QueryCommand : SweepsCommand<QuerySettings>
{
    protected override async Task<int> RunAsync(QuerySettings settings, CancellationToken interruption)
    {
        var store = settings.OpenStoreToRead();
        var stored = StoredSweep.Load(store, settings.Name);
        var (sweep, parameters, metrics, fields) = (stored.Row, stored.Parameters, stored.Metrics, stored.FieldSet);
        var filter = settings.Where is null ? TrialFilter.All : TrialFilter.Parse(settings.Where, fields);
        TrialSort? sort = null;
        if (settings.Sort is { } name)
            sort = fields.TryResolve(name, out var field) ? new TrialSort(field, settings.Descending)
                : throw new UsageException($"--sort: unknown field '{name}'; this sweep has: {string.Join(", ", fields.Names)}");

        var rows = store.ReadTrials(sweep.Name, new TrialQuery(filter, sort, settings.Limit, WithSeries: settings.Series));

        var columns = new TrialColumns(parameters, metrics, withTimes: settings.Format != "table");
        if (settings.Format == "parquet")
        {
            var written = await TrialParquet.WriteAsync(OutputPath(settings.Output!), columns, rows, interruption);
            Console.Error.WriteLine($"wrote {written:N0} trial(s) to {settings.Output}");
            return 0;
        }
        await using var file = settings.Output is { } path ? File.Create(OutputPath(path)) : null;
        using var text = file is null ? null : new StreamWriter(file);
        switch (settings.Format)
        {
            case "csv": TrialCsv.Write(text ?? Console.Out, columns, rows); break;
            case "json": TrialJson.Write(file ?? Console.OpenStandardOutput(), rows, settings.Series); break;
            default: TrialTable.Write(text is null ? Out : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text) }), columns, rows); break;
        }
        return 0;
    }

    /// <summary>The --output path, refused at once when its folder is missing or it is a folder.</summary>
    private static string OutputPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"--output: {path} is a folder; give a file name");
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder)) throw new UsageException($"--output: the folder {folder} does not exist");
        return full;
    }
}
