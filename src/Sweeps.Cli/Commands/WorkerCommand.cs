using System.ComponentModel;
using Serilog;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;

namespace Sweeps.Cli.Commands;

public sealed class WorkerSettings : ClusterSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Port to listen on (default 0: any free port; sweeps.worker.port).")]
    public int? PortFlag { get; init; }

    [CommandOption("--slots <N>")]
    [Description("Trials run at once (default: the number of cores; $SWEEPS_SLOTS, sweeps.worker.slots).")]
    public int? SlotsFlag { get; init; }

    [CommandOption("--trial-timeout <SECONDS>")]
    [Description("Give up on a trial running longer than this: it runs again elsewhere, and fails after --max-attempts tries (default: no limit; sweeps.worker.trial-timeout).")]
    public double? TrialTimeoutFlag { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("The worker's name in the results store (default: machine-pid; sweeps.worker.name).")]
    public string? NameFlag { get; init; }

    public int Port => (int)(Config.Number("worker.port", PortFlag, "SWEEPS_WORKER_PORT") ?? 0);
    public int? Slots => Config.Number("worker.slots", SlotsFlag, "SWEEPS_SLOTS") is { } n ? (int)n : null;
    public double? TrialTimeout => Config.Number("worker.trial-timeout", TrialTimeoutFlag, "SWEEPS_TRIAL_TIMEOUT");
    public string? Name => Config.Text("worker.name", NameFlag, "SWEEPS_WORKER_NAME");

    public override ValidationResult Validate()
    {
        var general = base.Validate();
        if (!general.Successful) return general;
        if (Seeds.Count == 0) return ValidationResult.Error("--seed: a worker needs the coordinator's address; give --seed HOST:PORT, e.g. --seed 127.0.0.1:4053");
        if (Port is < 0 or > 65535) return ValidationResult.Error($"--port: {Port} is not a port; give 0 (any) to 65535");
        if (Slots is < 1 or > 1024) return ValidationResult.Error($"--slots: {Slots} is out of range; give 1 to 1024");
        if (TrialTimeout is <= 0) return ValidationResult.Error($"--trial-timeout: {TrialTimeout} is not a time; give seconds above 0");
        return general;
    }
}

/// <summary>
/// <c>sweeps worker</c>: joins the cluster and pulls trials for its free slots. Ctrl-C or SIGTERM: it cancels its
/// running trials, hands them back to the coordinator, and leaves.
/// </summary>
public sealed class WorkerCommand : SweepsCommand<WorkerSettings>
{
    protected override async Task<int> RunAsync(WorkerSettings settings, CancellationToken interruption)
    {
        string? refusal = null;
        using var refused = new CancellationTokenSource();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(interruption, refused.Token);
        var worker = new WorkerOptions
        {
            OnRefused = reason =>
            {
                refusal = reason;
                refused.Cancel();
            },
            Slots = settings.Slots ?? Environment.ProcessorCount,
            Cluster = settings.ClusterName,
            TrialTimeout = settings.TrialTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
        if (settings.Name is { } name) worker = worker with { Name = name };
        var options = new SweepsNodeOptions(null)
        {
            RunsCoordinator = false,
            Worker = worker,
            Cluster = settings.Node(settings.Port, [ClusterNodeOptions.WorkerRole]),
        };
        await NodeLifetime.RunAsync(
            async () =>
            {
                var node = await SweepsNode.StartAsync(options, KnownJobs.Create());
                Log.Information("Worker {Name} with {Slots} slots joining {Seeds}", worker.Name, worker.Slots, string.Join(", ", settings.Seeds));
                return node;
            },
            needsCoordinator: true,
            async node =>
            {
                if (refusal is not null) return; // refused: it holds nothing, and its worker has stopped
                Log.Information("Stopping: handing running trials back to the coordinator");
                if (!await node.StopWorkerAsync(TimeSpan.FromSeconds(30)))
                    Log.Warning("Not every trial could be handed back in time; the coordinator's lease runs them again elsewhere");
            },
            stopping.Token);
        if (refusal is not null)
        {
            Console.Error.WriteLine($"error: {refusal}");
            return Incompatible;
        }
        return 0;
    }
}
