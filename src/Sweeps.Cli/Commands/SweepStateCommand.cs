using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cli.Commands;

public sealed class SweepStateSettings : ClusterSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The sweep.")]
    public string Name { get; init; } = "";

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } general ? general
        : Node.Seeds.Count == 0 ? ValidationResult.Error("--seed: give the coordinator's address, e.g. --seed 127.0.0.1:4053")
        : ValidationResult.Success();
}

/// <summary><c>sweeps cancel|pause|resume NAME</c>: changes a sweep's state across the cluster.</summary>
public abstract class SweepStateCommand(SweepState state) : SweepsCommand<SweepStateSettings>
{
    protected override async Task<int> RunAsync(SweepStateSettings settings, CancellationToken interruption)
    {
        await using var client = await ClusterClient.ConnectAsync(settings);
        var result = await client.Node.ChangeStateAsync(settings.Name, state);
        if (!result.Done) throw new UsageException(result.Message);
        Out.MarkupLine(Markup.Escape(result.Message));
        return 0;
    }
}

public sealed class CancelCommand() : SweepStateCommand(SweepState.Cancelled);

public sealed class PauseCommand() : SweepStateCommand(SweepState.Paused);

public sealed class ResumeCommand() : SweepStateCommand(SweepState.Running);
