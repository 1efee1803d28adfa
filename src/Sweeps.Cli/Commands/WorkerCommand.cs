using System.ComponentModel;
using Serilog;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Cli.Settings;

namespace Sweeps.Cli.Commands;

public sealed class WorkerSettings : ClusterSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Cluster port to listen on (default 0: any free port; $SWEEPS_WORKER__PORT, Worker:Port).")]
    public int? PortFlag { get; init; }

    [CommandOption("--slots <N>")]
    [Description("Trials run at once (default: the number of cores; $SWEEPS_WORKER__SLOTS, Worker:Slots).")]
    public int? SlotsFlag { get; init; }

    [CommandOption("--trial-timeout <SECONDS>")]
    [Description("Give up on a trial running longer than this: it runs again elsewhere, and fails after --max-attempts tries (default: no limit; Worker:TrialTimeout).")]
    public double? TrialTimeoutFlag { get; init; }

    [CommandOption("--label <NAME=VALUE>")]
    [Description("A label of this worker, repeatable (--label gpu=a100 --label zone=b): sweeps that say requires: {gpu: a100} run only on workers with it (Worker:Labels).")]
    public string[] LabelFlags { get; init; } = [];

    [CommandOption("--name <NAME>")]
    [Description("The worker's name in the results store (default: machine-pid; Worker:Name).")]
    public string? NameFlag { get; init; }

    [CommandOption("--allow-commands [PROGRAMS]")]
    [Description("Run [green]job: command[/] trials: any program, or only those named (comma-separated: python3,/opt/train.sh). Without it this worker runs no command jobs (Worker:AllowCommands).")]
    public FlagValue<string>? AllowCommandsFlag { get; init; }

    [CommandOption("--kill-grace <SECONDS>")]
    [Description("Seconds a stopped program gets between SIGTERM and SIGKILL (default 10; Worker:KillGrace).")]
    public double? KillGraceFlag { get; init; }

    [CommandOption("--work-dir <FOLDER>")]
    [Description("Where command jobs keep their output, checkpoints and default working folders (default: $TMPDIR/sweeps-work-USER; Worker:WorkDir).")]
    public string? WorkDirFlag { get; init; }

    [CommandOption("--checkpoint-dir <FOLDER>")]
    [Description("A folder every worker shares (NFS, a mounted volume) where trials keep checkpoints, so that one killed here resumes on another worker from its last (Worker:CheckpointDir). Without it trials keep none.")]
    public string? CheckpointDirFlag { get; init; }

    protected override Dictionary<string, string?> Flags()
    {
        var flags = base.Flags();
        Put(flags, "Worker:CheckpointDir", CheckpointDirFlag);
        if (AllowCommandsFlag is { IsSet: true } allow) flags["Worker:AllowCommands"] = string.IsNullOrEmpty(allow.Value) ? "true" : allow.Value;
        Put(flags, "Worker:KillGrace", KillGraceFlag);
        Put(flags, "Worker:WorkDir", WorkDirFlag);
        Put(flags, "Worker:Port", PortFlag);
        Put(flags, "Worker:Slots", SlotsFlag);
        Put(flags, "Worker:TrialTimeout", TrialTimeoutFlag);
        Put(flags, "Worker:Name", NameFlag);
        foreach (var label in LabelFlags)
        {
            var equals = label.IndexOf('=');
            if (equals <= 0) throw new UsageException($"--label: '{label}' is not NAME=VALUE; e.g. --label gpu=a100");
            flags[$"Worker:Labels:{label[..equals]}"] = label[(equals + 1)..];
        }
        return flags;
    }

    /// <summary>The worker's settings, checked; a bad one is a <see cref="UsageException"/>.</summary>
    public WorkerNodeSettings Worker
    {
        get
        {
            var w = Node.Worker;
            if (Node.Seeds.Count == 0) throw new UsageException("--seed: a worker needs the coordinator's address; give --seed HOST:PORT, e.g. --seed 127.0.0.1:4053");
            if (w.Port is < 0 or > 65535) throw new UsageException($"--port: {w.Port} is not a port; give 0 (any) to 65535");
            if (w.Slots is < 1 or > 1024) throw new UsageException($"--slots: {w.Slots} is out of range; give 1 to 1024");
            if (w.TrialTimeout is <= 0) throw new UsageException($"--trial-timeout: {w.TrialTimeout} is not a time; give seconds above 0");
            if (w.Labels.Count > Core.Spec.WorkerLabels.MaxCount)
                throw new UsageException($"--label: {w.Labels.Count} labels; at most {Core.Spec.WorkerLabels.MaxCount} are allowed");
            foreach (var (name, value) in w.Labels)
            {
                if (!Core.Spec.WorkerLabels.IsValidName(name)) throw new UsageException($"--label: '{name}' is not a label name: {Core.Spec.WorkerLabels.NameRule}");
                if (!Core.Spec.WorkerLabels.IsValidValue(value ?? "")) throw new UsageException($"--label {name}: '{value}' is not a label value: {Core.Spec.WorkerLabels.ValueRule}");
            }
            return w;
        }
    }
}

/// <summary>
/// <c>sweeps worker</c>: joins the cluster and pulls trials for its free slots. Ctrl-C or SIGTERM: its
/// CoordinatedShutdown cancels the running trials, hands them back to the coordinator, and leaves.
/// </summary>
public sealed class WorkerCommand : SweepsCommand<WorkerSettings>
{
    private static readonly TimeSpan CoordinatorGone = TimeSpan.FromSeconds(10);

    protected override async Task<int> RunAsync(WorkerSettings settings, CancellationToken interruption)
    {
        var configured = settings.Worker;
        var node = settings.Node;
        string? refusal = null;
        using var refused = new CancellationTokenSource();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(interruption, refused.Token);
        var commands = configured.AllowCommands is { } allowed ? Command.CommandPermission.Parse(allowed) : Command.CommandPermission.None;
        var jobs = BuiltInJobs.ForWorker(commands, CommandJobSettings.KillGrace(configured.KillGrace));
        var plugins = Plugins.JobPlugins.Load(jobs, settings.JobsFlags);
        var worker = new WorkerOptions
        {
            Labels = new Dictionary<string, string>(configured.Labels, StringComparer.Ordinal),
            Plugins = plugins,
            OnRefused = reason =>
            {
                refusal = reason;
                refused.Cancel();
            },
            Slots = configured.Slots ?? Environment.ProcessorCount,
            Cluster = node.Cluster,
            TrialTimeout = configured.TrialTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            WorkDirectory = CommandJobSettings.WorkDirectory(configured.WorkDir),
            Checkpoints = CheckpointSettings.Folder(configured.CheckpointDir),
        };
        if (configured.Name is { } name) worker = worker with { Name = name };
        var options = new SweepsNodeOptions(null)
        {
            RunsCoordinator = false,
            Worker = worker,
            Cluster = settings.ClusterNode(configured.Port, [ClusterNodeOptions.WorkerRole]),
            LeaveWithoutCoordinatorAfter = CoordinatorGone,
        };
        await NodeRunner.RunAsync(async () =>
        {
            var started = await SweepsNode.StartAsync(options, jobs);
            Log.Information("Worker {Name} with {Slots} slots ({Labels}) joining {Seeds}", worker.Name, worker.Slots,
                Core.Spec.WorkerLabels.Describe(worker.Labels), string.Join(", ", node.Seeds));
            if (commands.AllowsSome) Log.Information("Command jobs allowed: {Programs}; work folder {WorkDir}", commands.Describe(), worker.WorkDirectory);
            return started;
        }, stopping.Token);
        if (refusal is not null)
        {
            Console.Error.WriteLine($"error: {refusal}");
            return Incompatible;
        }
        return 0;
    }
}
