using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Server.Client;

namespace Sweeps.Cli.Commands;

public sealed class RetrySettings : ClientSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The sweep.")]
    public string Name { get; init; } = "";

    [CommandOption("--failed")]
    [Description("Run its failed trials again (the default when neither --failed nor --pruned is given).")]
    public bool Failed { get; init; }

    [CommandOption("--pruned")]
    [Description("Run its pruned trials again, each to its end: the scheduler does not stop them a second time.")]
    public bool Pruned { get; init; }
}

/// <summary>
/// <c>sweeps retry NAME [--failed] [--pruned]</c>: a sweep's failed or pruned trials run again as new attempts, through a
/// coordinator's HTTP API; a finished sweep runs again until they are done.
/// </summary>
public sealed class RetryCommand : ClientCommand<RetrySettings>
{
    protected override async Task<int> RunAsync(RetrySettings settings, SweepsClient client, CancellationToken interruption)
    {
        var result = await client.RetryAsync(settings.Name, settings.Failed, settings.Pruned, interruption);
        Out.MarkupLine(Markup.Escape(result.Message));
        return 0;
    }
}
