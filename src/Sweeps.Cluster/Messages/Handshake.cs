namespace Sweeps.Cluster.Messages;

/// <summary>
/// A worker introduces itself before it asks for work: which protocol it speaks and which Sweeps it is. A coordinator
/// that speaks another protocol refuses it with the reason, and the worker leaves, rather than half-join and misbehave.
/// </summary>
/// <param name="Cluster">The name of the sweep cluster the worker means to join; a coordinator of another refuses it.</param>
public sealed record WorkerHello(string Worker, int Protocol, string Version, string Cluster = ClusterNames.Default) : ISweepsMessage
{
    /// <summary>Bumped whenever a message or event changes shape.</summary>
    public const int CurrentProtocol = 1;

    public static string CurrentVersion { get; } =
        typeof(WorkerHello).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

public sealed record WorkerWelcome : ISweepsMessage
{
    public static WorkerWelcome Instance { get; } = new();
}

public sealed record WorkerRefused(string Reason) : ISweepsMessage;

/// <summary>
/// The worker's name is bound to another live sender (a worker of that name still running, or not yet noticed gone).
/// Not final: the worker keeps saying hello and is welcomed once the name is free.
/// </summary>
public sealed record WorkerNameInUse(string Worker, string Reason) : ISweepsMessage;

public static class ClusterNames
{
    public const string Default = "sweeps";
}
