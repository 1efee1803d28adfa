namespace Sweeps.Cli.Settings;

/// <summary>
/// A cluster node's settings, bound from Microsoft.Extensions.Configuration: command-line flags win over SWEEPS_*
/// environment variables (sections joined by a double underscore: SWEEPS_WORKER__SLOTS), which win over the settings
/// file (config/sweeps.json), which wins over these defaults. Keys are case-insensitive. README lists every key.
/// </summary>
public sealed class NodeSettings
{
    /// <summary>The sweep cluster's name: a worker naming another is refused (--cluster).</summary>
    public string Cluster { get; set; } = Sweeps.Cluster.Messages.ClusterNames.Default;

    /// <summary>The address to listen on (--host); anything but loopback needs TLS or <see cref="Insecure"/>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The address other nodes reach this one by (--public-host); required when <see cref="Host"/> is 0.0.0.0.</summary>
    public string? PublicHost { get; set; }

    /// <summary>Nodes to contact first as host:port (--seed, repeatable); comma-separated in the environment.</summary>
    public List<string> Seeds { get; set; } = [];

    /// <summary>The store (--db): a SQLite file or a PostgreSQL connection string or URI.</summary>
    public string? Db { get; set; }

    /// <summary>Listen beyond loopback without TLS (--insecure): anyone who reaches the ports may act on the cluster.</summary>
    public bool Insecure { get; set; }

    public TlsSettings Tls { get; set; } = new();

    public CoordinatorNodeSettings Coordinator { get; set; } = new();

    public WorkerNodeSettings Worker { get; set; } = new();

    /// <summary>How long the set of unreachable nodes must stay the same before downing acts (short: failover in seconds).</summary>
    public double StableAfterSeconds { get; set; } = 2;
}

public sealed class TlsSettings
{
    /// <summary>This node's certificate and key, PKCS#12 (--tls-certificate).</summary>
    public string? Certificate { get; set; }

    /// <summary>The certificate file's password (--tls-password).</summary>
    public string? Password { get; set; }

    /// <summary>The cluster's CA certificate, PEM (--tls-ca): only nodes it signed may connect.</summary>
    public string? Ca { get; set; }
}

public sealed class CoordinatorNodeSettings
{
    /// <summary>The cluster port (--port).</summary>
    public int Port { get; set; } = 4053;

    /// <summary>Trials run on the coordinator's node too, N at once (--slots).</summary>
    public int Slots { get; set; }

    /// <summary>A trial whose worker sends no heartbeat this long runs again elsewhere (--lease-seconds).</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>Times a trial may lose its worker before it is marked failed (--max-attempts).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The HTTP API's port on <see cref="NodeSettings.Host"/>; 0 serves no API (--http-port).</summary>
    public int HttpPort { get; set; } = 4080;
}

public sealed class WorkerNodeSettings
{
    /// <summary>The cluster port; 0 is any free port (--port).</summary>
    public int Port { get; set; }

    /// <summary>Trials run at once (--slots); default one a core.</summary>
    public int? Slots { get; set; }

    /// <summary>The worker's name in the results store (--name); default machine-pid.</summary>
    public string? Name { get; set; }

    /// <summary>The worker's labels (--label NAME=VALUE, repeatable), matched against a sweep's requires:.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Give up on a trial running longer than this many seconds (--trial-timeout).</summary>
    public double? TrialTimeout { get; set; }

    /// <summary>Run command jobs (--allow-commands): "true" for any program, else the programs allowed, comma-separated.</summary>
    public string? AllowCommands { get; set; }

    /// <summary>Seconds between SIGTERM and SIGKILL when a program is stopped (--kill-grace).</summary>
    public double? KillGrace { get; set; }

    /// <summary>Where command jobs keep output, checkpoints and working folders (--work-dir).</summary>
    public string? WorkDir { get; set; }

    /// <summary>A folder all workers share for trial checkpoints (--checkpoint-dir); none when unset.</summary>
    public string? CheckpointDir { get; set; }
}
