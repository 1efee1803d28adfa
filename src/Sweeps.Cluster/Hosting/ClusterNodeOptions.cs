namespace Sweeps.Cluster.Hosting;

/// <summary>How a node joins a Sweeps cluster: where it listens, which nodes it contacts first, which roles it has.</summary>
public sealed record ClusterNodeOptions
{
    /// <summary>The address to bind; 127.0.0.1 unless told otherwise, so nothing is exposed by accident.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (workers, clients).</summary>
    public int Port { get; init; }

    /// <summary>The address other nodes use to reach this one, when it differs from <see cref="Host"/> (containers, NAT).</summary>
    public string? PublicHost { get; init; }

    /// <summary>Seed nodes as host:port; a node that lists itself starts a new cluster.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Mutual TLS between nodes; null for plain TCP (fine on 127.0.0.1 or a trusted network).</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>
    /// How long the set of unreachable members must stay the same before downing keeps the oldest coordinator's side.
    /// Failover is about heartbeat pause + 1 s (noticed) + this + <see cref="DownRemovalMargin"/> + recovery: 3 + 1 + 2 + 0.5 + 1 s.
    /// </summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the standby waits after the old coordinator's removal before taking over the singleton.</summary>
    public TimeSpan DownRemovalMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Heartbeats between nodes; with <see cref="AcceptableHeartbeatPause"/> a dead node is unreachable within about 4 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Long enough for a garbage collection or a busy 2-core machine, short enough for failover in seconds.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    public const string ClusterName = "sweeps";
    public const string CoordinatorRole = "coordinator";
    public const string WorkerRole = "worker";

    /// <param name="tls">Nodes speaking TLS have akka.ssl.tcp addresses.</param>
    public static string SeedAddress(string hostAndPort, bool tls = false)
    {
        var parts = hostAndPort.Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out var port) || port is < 1 or > 65535)
            throw new ArgumentException($"'{hostAndPort}' is not a seed; give host:port, e.g. 127.0.0.1:4053");
        return $"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{ClusterName}@{parts[0]}:{port}";
    }
}
