namespace Sweeps.Server.Client;

/// <summary>Which coordinator nodes to ask, in order, and how to prove who we are to them.</summary>
public sealed record SweepsClientOptions(IReadOnlyList<Uri> Servers)
{
    /// <summary>A client certificate with its key (PKCS#12), signed by the cluster's CA.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>The cluster's CA: the servers' certificates must chain to it (instead of the machine's trust store).</summary>
    public string? CaPath { get; init; }

    /// <summary>A bearer token the cluster issued, for clients without a certificate.</summary>
    public string? Token { get; init; }

    /// <summary>How long a connection attempt may take before the next server is tried.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a request may wait for its answer (the server itself answers 503 after its own, shorter, wait).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to keep asking while the servers answer 503 (their coordinator is starting or handing over).</summary>
    public TimeSpan BusyPatience { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>--wait</c> keeps trying when no listed server answers (a coordinator hand-over takes seconds).</summary>
    public TimeSpan FollowPatience { get; init; } = TimeSpan.FromMinutes(3);
}
