using System.ComponentModel;
using System.Globalization;
using Spectre.Console.Cli;
using Sweeps.Cli.Settings;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands;

/// <summary>Flags of the commands that start a cluster node; each is the top layer of <see cref="NodeSettings"/>.</summary>
public class ClusterSettings : StoreSettings
{
    [CommandOption("--config <FILE>")]
    [Description("Node settings (JSON); default $SWEEPS_CONFIG, else config/sweeps.json when present. Environment variables (SWEEPS_*) win over it, flags over both.")]
    public string? ConfigFile { get; init; }

    [CommandOption("--seed <HOST:PORT>")]
    [Description("A coordinator node to contact first (its --host:--port); give every coordinator, one flag each. Else $SWEEPS_SEEDS (comma-separated) or Seeds.")]
    public string[] SeedFlags { get; init; } = [];

    [CommandOption("--host <HOST>")]
    [Description("Address to listen on; [green]127.0.0.1[/] unless told otherwise ($SWEEPS_HOST, Host). Anything else needs TLS or --insecure.")]
    public string? HostFlag { get; init; }

    [CommandOption("--public-host <HOST>")]
    [Description("Address other nodes reach this one by, when it differs from --host; required with --host 0.0.0.0 ($SWEEPS_PUBLICHOST, PublicHost).")]
    public string? PublicHostFlag { get; init; }

    [CommandOption("--cluster <NAME>")]
    [Description("The sweep cluster's name (default sweeps; $SWEEPS_CLUSTER, Cluster): a worker naming another cluster is refused.")]
    public string? ClusterFlag { get; init; }

    [CommandOption("--tls-certificate <PFX>")]
    [Description("Mutual TLS: this node's certificate and key (PKCS#12); with --tls-ca ($SWEEPS_TLS__CERTIFICATE, Tls:Certificate).")]
    public string? TlsCertificateFlag { get; init; }

    [CommandOption("--tls-password <PASSWORD>")]
    [Description("Password of the --tls-certificate file ($SWEEPS_TLS__PASSWORD, Tls:Password).")]
    public string? TlsPasswordFlag { get; init; }

    [CommandOption("--tls-ca <PEM>")]
    [Description("Mutual TLS: the cluster's CA certificate; only nodes whose certificates it signed may connect ($SWEEPS_TLS__CA, Tls:Ca).")]
    public string? TlsCaFlag { get; init; }

    [CommandOption("--jobs <DLL>")]
    [Description(Plugins.JobPlugins.OptionDescription + " A coordinator needs a plugin to accept its sweeps; a worker, to run them.")]
    public string[] JobsFlags { get; init; } = [];

    [CommandOption("--insecure")]
    [Description("Listen beyond loopback without TLS: anyone who reaches the ports can submit, cancel and report results ($SWEEPS_INSECURE, Insecure).")]
    public bool InsecureFlag { get; init; }

    private (NodeSettings Settings, string? File)? _loaded;

    /// <summary>The node's settings, every layer applied; read once. Bad settings are a <see cref="UsageException"/>.</summary>
    public NodeSettings Node => (_loaded ??= NodeSettingsLoader.Load(ConfigFile, Flags(), SeedFlags)).Settings;

    /// <summary>The settings file that was read, if any.</summary>
    public string? SettingsFile
    {
        get
        {
            _ = Node;
            return _loaded!.Value.File;
        }
    }

    /// <summary>The flags given, as configuration keys; the commands add their own.</summary>
    protected virtual Dictionary<string, string?> Flags()
    {
        var flags = new Dictionary<string, string?>();
        Put(flags, "Host", HostFlag);
        Put(flags, "PublicHost", PublicHostFlag);
        Put(flags, "Cluster", ClusterFlag);
        Put(flags, "Db", Db);
        Put(flags, "Tls:Certificate", TlsCertificateFlag);
        Put(flags, "Tls:Password", TlsPasswordFlag);
        Put(flags, "Tls:Ca", TlsCaFlag);
        if (InsecureFlag) flags["Insecure"] = "true";
        return flags;
    }

    protected static void Put(Dictionary<string, string?> flags, string key, object? value)
    {
        if (value is not null) flags[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    /// <summary>How this node joins the cluster, after the security rules of <see cref="NodeSecurity"/> are met.</summary>
    public ClusterNodeOptions ClusterNode(int port, IReadOnlyList<string> roles, IReadOnlyList<string>? seeds = null)
    {
        var node = Node;
        NodeSecurity.Check(node, port);
        foreach (var seed in seeds ?? node.Seeds)
        {
            try
            {
                ClusterNodeOptions.SeedAddress(seed);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--seed: {e.Message}");
            }
        }
        return new ClusterNodeOptions
        {
            Host = node.Host,
            Port = port,
            PublicHost = node.PublicHost,
            Seeds = seeds ?? node.Seeds,
            Roles = roles,
            Tls = node.Tls.Certificate is null ? null : new TlsOptions(node.Tls.Certificate, node.Tls.Password, node.Tls.Ca!),
            StableAfter = TimeSpan.FromSeconds(node.StableAfterSeconds),
        };
    }
}
