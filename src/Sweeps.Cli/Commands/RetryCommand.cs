using System.ComponentModel;
using Akka.Actor;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Server;
using Sweeps.Server.Client;
using Sweeps.Store;

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

    [CommandOption("--db <PATH|CONNSTRING>")]
    [Description("Instead of --server: the store of a sweep run with [green]sweeps run[/]. The retry is recorded there; the same [green]sweeps run[/] again runs the trials.")]
    public string? Db { get; init; }

    public override ValidationResult Validate()
    {
        if (Db is not null && ServerFlags.Length > 0)
            return ValidationResult.Error("--db and --server: give --server for a sweep a cluster runs, or --db for one sweeps run ran, not both");
        return base.Validate();
    }
}

/// <summary>
/// <c>sweeps retry NAME [--failed] [--pruned]</c>: a sweep's failed or pruned trials run again as new attempts, through a
/// coordinator's HTTP API; a finished sweep runs again until they are done. With <c>--db</c> (a sweep <c>sweeps run</c>
/// ran), the retry is journaled in that store and the next <c>sweeps run</c> of the spec runs the trials, as it resumes
/// an interrupted sweep.
/// </summary>
public sealed class RetryCommand : ClientCommand<RetrySettings>
{
    private static readonly TimeSpan StoreSettles = TimeSpan.FromMinutes(1);

    protected override async Task<int> RunAsync(RetrySettings settings, SweepsClient client, CancellationToken interruption)
    {
        if (settings.Db is not null) return await RetryInStoreAsync(settings, interruption);
        RetryResponse result;
        try
        {
            result = await client.RetryAsync(settings.Name, settings.Failed, settings.Pruned, interruption);
        }
        catch (SweepsApiException e) when (e.Status is null && settings.ServerFlags.Length == 0)
        {
            // no cluster here: perhaps the sweep ran with sweeps run, whose store this command can retry in
            throw new SweepsApiException(e.Status, $"{e.Message}; for a sweep sweeps run ran, give its store: sweeps retry {settings.Name} --db STORE", e.Problems);
        }
        Out.MarkupLine(Markup.Escape(result.Message));
        return 0;
    }

    /// <summary>Starts this store's coordinator (no worker), has it journal the retry, and waits for the store to show it.</summary>
    private async Task<int> RetryInStoreAsync(RetrySettings settings, CancellationToken interruption)
    {
        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(settings.Db!);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--db: {e.Message}");
        }
        ResultStore.OpenToRead(location); // a store that is not there is not created: it holds no sweep to retry
        var node = await SweepsNode.StartAsync(new SweepsNodeOptions(location) { Worker = null }, BuiltInJobs.Create(), interruption);
        try
        {
            var result = await node.Coordinator.Ask<TrialsRetryResult>(new RetryTrials(settings.Name, settings.Failed, settings.Pruned),
                TimeSpan.FromSeconds(30), interruption);
            if (!result.Done)
            {
                Console.Error.WriteLine($"error: {result.Message}");
                return Incompatible;
            }
            var progress = await node.ProgressAsync(interruption);
            if (!await node.WaitForStoreAsync(progress.JournalPosition, StoreSettles))
                throw new TimeoutException($"the store did not show the retry within {StoreSettles.TotalSeconds:0} s; it is journaled, and shown once a coordinator runs on the store");
            Out.MarkupLine(Markup.Escape(result.Message));
            Out.MarkupLine($"They run when the sweep runs: [grey]sweeps run SPEC --db {Markup.Escape(settings.Db!)}[/] with the spec file it ran from.");
            return 0;
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
