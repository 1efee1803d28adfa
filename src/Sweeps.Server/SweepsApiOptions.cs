using Sweeps.Cluster.Hosting;

namespace Sweeps.Server;

/// <summary>Where the HTTP API listens and how it guards itself.</summary>
public sealed record SweepsApiOptions
{
    public string Address { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 4080;

    /// <summary>Set: HTTPS with the node's certificate, and clients need a certificate of the cluster's CA or an issued token.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>How long to wait for the coordinator (through the singleton proxy) before answering 503.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest spec body accepted; beyond it, 413.</summary>
    public int MaxSpecBytes { get; init; } = 1 << 20;

    /// <summary>How often the progress stream sends an event.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
