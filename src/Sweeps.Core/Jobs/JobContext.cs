using Sweeps.Core.Parameters;

namespace Sweeps.Core.Jobs;

/// <summary>Everything a job receives for one trial.</summary>
public sealed class JobContext(
    TrialParameters parameters,
    ulong seed,
    CancellationToken cancellation,
    IJobProgress? progress = null)
{
    /// <summary>The trial's parameters by name: the spec's values for this point, each parameter's default where the spec gives none.</summary>
    public TrialParameters Parameters { get; } = parameters;

    /// <summary>The trial's own seed: derived from the sweep's seed and the trial's index (see <see cref="Trials.TrialSeed"/>).</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Signalled when the trial must stop (pause, cancel, worker shutdown, time-out): throw <see cref="OperationCanceledException"/> soon after.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Where to report how far the trial is and intermediate metrics; never null.</summary>
    public IJobProgress Progress { get; } = progress ?? JobProgress.None;

    /// <summary>The sweep the trial belongs to ("" outside the orchestrator).</summary>
    public string Sweep { get; init; } = "";

    public long TrialIndex { get; init; }

    /// <summary>1 for the first run of the trial, then 2, 3, ... each time it runs again.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>A folder of this worker's where a job may keep files (<c>--work-dir</c>); it survives the trial.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "sweeps-work");

    /// <summary>The sweep's settings for its job (see <see cref="JobDefinition.Settings"/>).</summary>
    public IReadOnlyList<JobSettingValue> Settings { get; init; } = [];

    /// <summary>The sweep's <c>timeout:</c> for one trial, if it gives one.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancelled when <see cref="Timeout"/> has run out (<see cref="Cancellation"/> is cancelled too): tells why a job was stopped.</summary>
    public CancellationToken TimedOut { get; init; }

    /// <summary>
    /// Where the trial saves its state after a step and finds it again when it runs anew (another attempt, another worker);
    /// <see cref="TrialCheckpoints.None"/> (keeps nothing) unless the node was given a checkpoint store.
    /// </summary>
    public ITrialCheckpoints Checkpoints { get; init; } = TrialCheckpoints.None;

    /// <summary>
    /// For a job that runs in steps (<see cref="JobDefinition.Steps"/>): end after this step, as if it were the last, having
    /// saved its checkpoint; the sweep's scheduler may run the trial again later to continue from there. Null: run to the end.
    /// </summary>
    public long? StopAtStep { get; init; }

    public JobSettingValue? Setting(string name) => Settings.FirstOrDefault(s => s.Name == name);
}
