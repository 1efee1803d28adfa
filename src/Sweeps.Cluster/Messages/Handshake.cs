namespace Sweeps.Cluster.Messages;

/// <summary>
/// A worker introduces itself before it asks for work: which protocol it speaks and which Sweeps it is. A coordinator
/// that speaks another protocol refuses it with the reason, and the worker leaves, rather than half-join and misbehave.
/// </summary>
/// <param name="Cluster">The name of the sweep cluster the worker means to join; a coordinator of another refuses it.</param>
/// <param name="Jobs">The job kinds the worker runs; it is given only trials of these.</param>
/// <param name="Labels">The worker's labels (<c>--label gpu=a100</c>), matched against a sweep's <c>requires:</c>.</param>
/// <param name="Plugins">The plugin assemblies it loaded (<c>--jobs</c>), by file name: for logs and status.</param>
public sealed record WorkerHello(
    string Worker,
    int Protocol,
    string Version,
    string Cluster = ClusterNames.Default,
    IReadOnlyList<string>? Jobs = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyList<string>? Plugins = null,
    int Slots = 0) : ISweepsMessage
{
    /// <summary>The most trial slots a hello may claim (the count of trials a worker runs at once; 0: not said).</summary>
    public const int MaxSlots = 100_000;

    /// <summary>Bumped whenever a message or event changes shape (2: workers advertise jobs, labels and plugins; trials can be refused).</summary>
    public const int CurrentProtocol = 2;

    /// <summary>Limits on what a hello may carry; a coordinator refuses a worker past them.</summary>
    public const int MaxJobs = 1000, MaxPlugins = 100, MaxNameLength = 200;

    /// <summary>Null when a hello is within bounds; otherwise what is wrong with it (it crossed a process boundary).</summary>
    public string? Problem()
    {
        if (Slots is < 0 or > MaxSlots) return $"it claims {Slots} trial slots; give 1 to {MaxSlots}";
        if (Jobs is { Count: > MaxJobs }) return $"it says it runs {Jobs.Count} job kinds; at most {MaxJobs} are allowed";
        if (Plugins is { Count: > MaxPlugins }) return $"it names {Plugins.Count} plugins; at most {MaxPlugins} are allowed";
        if (Labels is { Count: > Core.Spec.WorkerLabels.MaxCount }) return $"it has {Labels.Count} labels; at most {Core.Spec.WorkerLabels.MaxCount} are allowed";
        if ((Jobs ?? []).Concat(Plugins ?? []).FirstOrDefault(n => n.Length is 0 or > MaxNameLength) is { } bad)
            return $"a job kind or plugin name is empty or longer than {MaxNameLength} characters ({bad.Length})";
        foreach (var (name, value) in Labels ?? new Dictionary<string, string>())
        {
            if (!Core.Spec.WorkerLabels.IsValidName(name)) return $"'{Shorten(name)}' is not a label name: {Core.Spec.WorkerLabels.NameRule}";
            if (!Core.Spec.WorkerLabels.IsValidValue(value)) return $"label {name}: '{Shorten(value)}' is not a label value: {Core.Spec.WorkerLabels.ValueRule}";
        }
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    public static string CurrentVersion { get; } =
        typeof(WorkerHello).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

public sealed record WorkerWelcome : ISweepsMessage
{
    public static WorkerWelcome Instance { get; } = new();
}

public sealed record WorkerRefused(string Reason) : ISweepsMessage;

/// <summary>
/// The coordinator does not know what this worker can run (it restarted, or moved to another node, since the worker's
/// hello): the worker says hello again before it is given trials.
/// </summary>
public sealed record IntroduceYourself : ISweepsMessage
{
    public static IntroduceYourself Instance { get; } = new();
}

/// <summary>
/// The worker's name is bound to another live sender (a worker of that name still running, or not yet noticed gone).
/// Not final: the worker keeps saying hello and is welcomed once the name is free.
/// </summary>
public sealed record WorkerNameInUse(string Worker, string Reason) : ISweepsMessage;

public static class ClusterNames
{
    public const string Default = "sweeps";
}
