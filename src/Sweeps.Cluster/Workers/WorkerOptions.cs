namespace Sweeps.Cluster.Workers;

/// <summary>How a worker runs trials: how many at once, and how it talks to the coordinator.</summary>
public sealed record WorkerOptions
{
    /// <summary>The worker's name in the results store (<c>trials.worker</c>) and in logs.</summary>
    public string Name { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Trials run at once, each on a thread of its own: one a core by default.</summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// At most this many trials held beyond the running ones. Short trials are fetched ahead (so a slot never waits
    /// for a round trip); long ones are not (so one worker does not hoard trials others could run).
    /// </summary>
    public int MaxPrefetch { get; init; } = 2000;

    /// <summary>How far ahead to fetch, in time: a worker holds about this much work beyond its slots.</summary>
    public TimeSpan PrefetchHorizon { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A trial running longer than this is given up on: it is cancelled, its slot gets a fresh thread, and its lease is
    /// no longer renewed, so the coordinator runs it again elsewhere (and, after too many tries, marks it failed).
    /// Null: trials may run as long as they like.
    /// </summary>
    public TimeSpan? TrialTimeout { get; init; }

    /// <summary>The worker's labels (<c>--label gpu=a100</c>): it is given trials of sweeps whose <c>requires:</c> they satisfy.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The plugin assemblies whose jobs this worker runs (<c>--jobs</c>), by file name; told to the coordinator.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];
    /// <summary>
    /// The folder where jobs keep files (a command's output, its checkpoints): <c>--work-dir</c>. The default is the same
    /// on every start, so that a trial running again on this machine finds its checkpoint folder.
    /// </summary>
    /// <summary>Where trials keep checkpoints across attempts (<c>--checkpoint-dir</c>, or the store for <c>sweeps run</c>); null: none.</summary>
    public Core.Jobs.ICheckpointStore? Checkpoints { get; init; }

    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), $"sweeps-work-{Environment.UserName}");

    /// <summary>The sweep cluster this worker means to join.</summary>
    public string Cluster { get; init; } = Messages.ClusterNames.Default;

    /// <summary>The protocol this worker says it speaks; only tests set another.</summary>
    public int Protocol { get; init; } = Messages.WorkerHello.CurrentProtocol;

    /// <summary>Called when the coordinator refuses this worker (another protocol); the worker then stops.</summary>
    public Action<string>? OnRefused { get; init; }

    /// <summary>Results not acknowledged within this time are sent again.</summary>
    public TimeSpan ResendAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Results are sent in batches: when this many are ready, or after <see cref="FlushDelay"/>.</summary>
    public int FlushSize { get; init; } = 500;

    public TimeSpan FlushDelay { get; init; } = TimeSpan.FromMilliseconds(5);
}
