using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweeps.Cli.Commands;

/// <summary>Options every command takes.</summary>
public class CommonSettings : CommandSettings
{
    [CommandOption("--log-format <FORMAT>")]
    [Description("Logs as [green]text[/] (for people) or [green]json[/] (one JSON object a line). Logs go to standard error.")]
    [DefaultValue("text")]
    public string LogFormat { get; init; } = "text";

    [CommandOption("--log-level <LEVEL>")]
    [Description("Least important log level shown: debug, information, warning, error.")]
    [DefaultValue("information")]
    public string LogLevel { get; init; } = "information";

    public override Spectre.Console.ValidationResult Validate()
    {
        if (LogFormat is not ("text" or "json"))
            return Spectre.Console.ValidationResult.Error($"--log-format: '{LogFormat}' is not a log format; use text or json");
        if (LogLevel is not ("debug" or "information" or "info" or "warning" or "error"))
            return Spectre.Console.ValidationResult.Error($"--log-level: '{LogLevel}' is not a level; use debug, information, warning or error");
        return base.Validate();
    }
}

/// <summary>Options of the commands that read or write a store.</summary>
public class StoreSettings : CommonSettings
{
    [CommandOption("--db <PATH|CONNSTRING>")]
    [Description("The store: a SQLite file (default [green]sweeps.db[/] here, or $SWEEPS_DB) or a PostgreSQL connection string (Host=...;Database=...;Username=...).")]
    public string? Db { get; init; }

    /// <summary>--db, else $SWEEPS_DB, else sweeps.db in the current folder (cluster nodes: else sweeps.db in their --config).</summary>
    public string StoreText =>
        Db ?? (Environment.GetEnvironmentVariable("SWEEPS_DB") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : this is ClusterSettings cluster && cluster.Node.Db is { Length: > 0 } configured ? configured
            : Store.StoreLocation.DefaultPath);

    /// <summary>Opens the store, creating its tables if needed; a bad --db is a <see cref="UsageException"/>.</summary>
    public Store.ResultStore OpenStore() => Store.ResultStore.Open(Location());

    /// <summary>Opens an existing store to read, changing nothing (status, query, compare, best).</summary>
    public Store.ResultStore OpenStoreToRead() => Store.ResultStore.OpenToRead(Location());

    private Store.StoreLocation Location()
    {
        try
        {
            return Store.StoreLocation.Parse(StoreText);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--db: {e.Message}");
        }
    }
}
