using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Server.Client;

namespace Sweeps.Cli.Commands;

public sealed class SweepStateSettings : ClientSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The sweep.")]
    public string Name { get; init; } = "";
}

/// <summary><c>sweeps cancel|pause|resume NAME</c>: changes a sweep's state through a coordinator's HTTP API.</summary>
public abstract class SweepStateCommand(string verb) : ClientCommand<SweepStateSettings>
{
    protected override async Task<int> RunAsync(SweepStateSettings settings, SweepsClient client, CancellationToken interruption)
    {
        var result = await client.ChangeStateAsync(settings.Name, verb, interruption);
        Out.MarkupLine(Markup.Escape(result.Message));
        return 0;
    }
}

public sealed class CancelCommand() : SweepStateCommand("cancel");

public sealed class PauseCommand() : SweepStateCommand("pause");

public sealed class ResumeCommand() : SweepStateCommand("resume");
