using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Spec;

namespace Sweeps.Cli.Commands;

public sealed class SubmitSettings : ClusterSettings
{
    [CommandArgument(0, "<SPEC>")]
    [Description("A YAML file with one sweep, or several under [green]sweeps:[/].")]
    public string Spec { get; init; } = "";

    [CommandOption("--wait")]
    [Description("Follow progress until the sweeps end.")]
    public bool Wait { get; init; }

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } general ? general
        : Node.Seeds.Count == 0 ? ValidationResult.Error("--seed: give the coordinator's address, e.g. --seed 127.0.0.1:4053")
        : ValidationResult.Success();
}

/// <summary>
/// <c>sweeps submit SPEC --seed H:P</c>: sends sweeps to a running cluster. The same spec again is accepted as
/// already there; the same name with a different spec is refused with the difference.
/// </summary>
public sealed class SubmitCommand : SweepsCommand<SubmitSettings>
{
    protected override async Task<int> RunAsync(SubmitSettings settings, CancellationToken interruption)
    {
        var specs = SpecLoader.LoadFile(settings.Spec, BuiltInJobs.Create());
        await using var client = await ClusterClient.ConnectAsync(settings);
        var result = await client.Node.SubmitAsync(specs);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("sweep").AddColumn("trials").AddColumn("result");
        foreach (var s in result.Sweeps)
            table.AddRow(Markup.Escape(s.Name), $"{s.TotalTrials:N0}",
                s.Accepted ? (s.Existing ? "already submitted (same spec)" : "[green]submitted[/]") : "[red]refused[/]: " + Markup.Escape(string.Join("; ", s.Problems)));
        Out.Write(table);
        if (result.Sweeps.Any(s => !s.Accepted)) return BadInput;
        if (!settings.Wait) return 0;

        var names = specs.Select(s => s.Name).ToHashSet();
        var view = new ProgressView();
        while (!interruption.IsCancellationRequested)
        {
            var mine = (await client.Node.ProgressAsync()).Sweeps.Where(s => names.Contains(s.Name)).ToList();
            view.Update(mine);
            if (mine.All(s => s.IsOver)) break;
            try { await Task.Delay(TimeSpan.FromSeconds(1), interruption); } catch (TaskCanceledException) { }
        }
        Out.Write(view.Render());
        return interruption.IsCancellationRequested ? Interrupted : 0;
    }
}
