using Sweeps.Core.Lifecycle;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cli.Output;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Spec;
using Sweeps.Server;
using Sweeps.Server.Client;

namespace Sweeps.Cli.Commands;

public sealed class SubmitSettings : ClientSettings
{
    [CommandArgument(0, "<SPEC>")]
    [Description("A YAML file with one sweep, or several under [green]sweeps:[/].")]
    public string Spec { get; init; } = "";

    [CommandOption("--jobs <DLL>")]
    [Description(Plugins.JobPlugins.OptionDescription + " Needed to check a spec of a plugin's kind here.")]
    public string[] JobsFlags { get; init; } = [];

    [CommandOption("--wait")]
    [Description("Follow progress until the sweeps end (across a coordinator failover); exit 1 if a trial failed or a sweep was cancelled.")]
    public bool Wait { get; init; }
}

/// <summary>
/// <c>sweeps submit SPEC --server URL</c>: checks the spec here, then sends it to a coordinator's HTTP API. The same
/// spec again is accepted as already there; the same name with a different spec is refused with the difference.
/// </summary>
public sealed class SubmitCommand : ClientCommand<SubmitSettings>
{
    protected override async Task<int> RunAsync(SubmitSettings settings, SweepsClient client, CancellationToken interruption)
    {
        var jobs = Plugins.JobPlugins.Registry(settings.JobsFlags);
        var specs = SpecLoader.LoadFile(settings.Spec, jobs);
        // A data file absent here may be on the workers (they check it before training); one present here must be sound.
        SpecFiles.ThrowIfBad(specs, jobs, missingIsError: false);
        var result = await client.SubmitAsync(specs.Select(SpecText.ToCanonicalYaml).ToList(), interruption, SweepOriginProbe.For(settings.Spec));
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("sweep").AddColumn("trials").AddColumn("result");
        foreach (var s in result.Sweeps)
            table.AddRow(Markup.Escape(s.Name), $"{s.TotalTrials:N0}", s.Existing ? "already submitted (same spec)" : "[green]submitted[/]");
        Out.Write(table);
        if (!settings.Wait) return 0;

        var view = new ProgressView();
        var latest = specs.ToDictionary(s => s.Name, s => (SweepStatus?)null);
        foreach (var spec in specs)
        {
            var end = await client.FollowAsync(spec.Name, status =>
            {
                latest[status.Name] = status;
                view.Update(latest.Values.OfType<SweepStatus>().Select(AsProgress).ToList());
            }, interruption);
            latest[spec.Name] = end;
        }
        view.Update(latest.Values.OfType<SweepStatus>().Select(AsProgress).ToList());
        Out.Write(view.Render());
        return latest.Values.OfType<SweepStatus>().Any(s => s.Failed > 0 || StateNames.ParseSweepState(s.State) == SweepState.Cancelled) ? Failed : 0;
    }

    private static SweepProgress AsProgress(SweepStatus s) => new(s.Name, StateNames.ParseSweepState(s.State), s.Total, s.Completed, s.Failed, s.Running, s.Done + s.Running);
}
