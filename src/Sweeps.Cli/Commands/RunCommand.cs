using Serilog;
using Spectre.Console;
using Sweeps.Cli.Output;
using Sweeps.Command;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Spec;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps run SPEC</c>: runs sweeps to the end in this process, resuming whatever an earlier run left.</summary>
public sealed class RunCommand : SweepsCommand<RunSettings>
{
    protected override async Task<int> RunAsync(RunSettings settings, CancellationToken interruption)
    {
        var checkJobs = Plugins.JobPlugins.Registry(settings.JobsFlags);
        var specs = SpecLoader.LoadFile(settings.Spec, checkJobs);
        SpecFiles.ThrowIfBad(specs, checkJobs, missingIsError: true);
        var commands = settings.AllowCommands is { IsSet: true } allow ? CommandPermission.Parse(allow.Value) : CommandPermission.Only(NamedPrograms(specs));
        var jobs = BuiltInJobs.Create(commands, CommandJobSettings.KillGrace(settings.KillGrace));
        var plugins = Plugins.JobPlugins.Load(jobs, settings.JobsFlags);
        var store = settings.OpenStore();
        StoredSpecCheck.ThrowIfChanged(specs, store, jobs);
        var slots = settings.Workers ?? Environment.ProcessorCount;
        Log.Information("Running {Count} sweep(s) from {Spec} on {Store} with {Slots} slots", specs.Count, settings.Spec, store.Location, slots);

        var options = new SweepsNodeOptions(store.Location) { Worker = new WorkerOptions
        {
            Slots = slots, HeartbeatInterval = TimeSpan.FromSeconds(1), WorkDirectory = CommandJobSettings.WorkDirectory(settings.WorkDir), Plugins = plugins,
            Checkpoints = CheckpointSettings.Folder(settings.CheckpointDir) ?? store.Checkpoints(),
        } };
        var origin = SweepOriginProbe.For(settings.Spec);
        var view = new ProgressView();
        EmbeddedRunResult result;
        if (ProgressView.IsInteractive)
        {
            using (TerminalLogSink.LiveDisplay())
            {
                result = await Out.Live(view.Render()).AutoClear(false).StartAsync(async live =>
                    await EmbeddedRun.RunAsync(options, jobs, specs, p =>
                    {
                        view.Update(p);
                        TerminalLogSink.WriteWaitingLines(Out);
                        live.UpdateTarget(view.Render());
                    }, TimeSpan.FromMilliseconds(250), interruption, origin));
            }
        }
        else
        {
            result = await EmbeddedRun.RunAsync(options, jobs, specs, view.Update, TimeSpan.FromMilliseconds(500), interruption, origin);
        }

        foreach (var spec in specs) Summary.Write(Out, store, spec);
        if (!result.Clean) Log.Warning("The run did not stop cleanly; the next run re-runs whatever was left running");
        if (result.Interrupted)
        {
            var left = result.Sweeps.Sum(s => s.Total - s.Done);
            Out.MarkupLine($"[yellow]Interrupted[/]: {left:N0} trial(s) left. Run the same command again to resume; finished trials are not run again.");
            return Interrupted;
        }
        var reader = store.Location.Provider == Store.StoreProvider.Sqlite ? "sqlite3" : "psql";
        Out.MarkupLine($"Results are in [green]{Markup.Escape(store.Location.Display)}[/]: [grey]sweeps query NAME --db ...[/] or [grey]{reader}[/] (tables sweeps, trials).");
        var failed = result.Sweeps.Where(s => s.Failed > 0).ToList();
        foreach (var sweep in failed)
        {
            var first = store.FirstErrors(sweep.Name, 1).FirstOrDefault();
            Console.Error.WriteLine($"error: {sweep.Failed:N0} trial(s) of {sweep.Name} failed; the first, trial {first.Index}: {first.Error}");
        }
        return failed.Count > 0 ? Failed : 0;
    }

    /// <summary>
    /// The programs the spec file's command sweeps name (their first word, when it is not a placeholder): running the
    /// file asks to run them, and only them, unless --allow-commands says otherwise.
    /// </summary>
    private static IEnumerable<string> NamedPrograms(IEnumerable<SweepSpec> specs) =>
        specs.Where(s => s.Job == CommandJob.Kind)
            .Select(s => s.Settings.FirstOrDefault(v => v.Name == CommandSettings.Command.Name)?.Items[0])
            .OfType<string>()
            .Where(program => !program.Contains('{'));
}
