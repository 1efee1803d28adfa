using System.ComponentModel;
using System.Net;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands;

/// <summary>Options of the commands that join a Sweeps cluster.</summary>
public class ClusterSettings : StoreSettings
{
    [CommandOption("--config <FILE>")]
    [Description("Node settings (HOCON, under sweeps { ... }); default $SWEEPS_CONFIG, else config/sweeps.conf when present. Flags and environment variables win over it.")]
    public string? ConfigFile { get; init; }

    [CommandOption("--seed <HOST:PORT>")]
    [Description("A node of the cluster to contact first (the coordinator's --host:--port); may be given more than once. Else $SWEEPS_SEEDS (comma-separated) or sweeps.seeds.")]
    public string[] SeedFlags { get; init; } = [];

    [CommandOption("--host <HOST>")]
    [Description("Address to listen on; [green]127.0.0.1[/] unless told otherwise ($SWEEPS_HOST, sweeps.host).")]
    public string? HostFlag { get; init; }

    [CommandOption("--public-host <HOST>")]
    [Description("Address other nodes reach this one by, when it differs from --host (containers, NAT); $SWEEPS_PUBLIC_HOST, sweeps.public-host.")]
    public string? PublicHostFlag { get; init; }

    [CommandOption("--cluster <NAME>")]
    [Description("The sweep cluster's name (default sweeps; $SWEEPS_CLUSTER, sweeps.cluster): a worker naming another cluster is refused.")]
    public string? ClusterFlag { get; init; }

    public string ClusterName => Config.Text("cluster", ClusterFlag, "SWEEPS_CLUSTER") ?? Sweeps.Cluster.Messages.ClusterNames.Default;

    private NodeConfig? _config;

    /// <summary>The settings file, read once.</summary>
    public NodeConfig Config => _config ??= NodeConfig.Load(ConfigFile);

    public IReadOnlyList<string> Seeds => Config.List("seeds", SeedFlags, "SWEEPS_SEEDS");

    public string Host => Config.Text("host", HostFlag, "SWEEPS_HOST") ?? "127.0.0.1";

    public string? PublicHost => Config.Text("public-host", PublicHostFlag, "SWEEPS_PUBLIC_HOST");

    [CommandOption("--tls-certificate <PFX>")]
    [Description("Mutual TLS: this node's certificate and key (PKCS#12); with --tls-ca ($SWEEPS_TLS_CERTIFICATE, sweeps.tls.certificate).")]
    public string? TlsCertificateFlag { get; init; }

    [CommandOption("--tls-password <PASSWORD>")]
    [Description("Password of the --tls-certificate file ($SWEEPS_TLS_PASSWORD, sweeps.tls.password).")]
    public string? TlsPasswordFlag { get; init; }

    [CommandOption("--tls-ca <PEM>")]
    [Description("Mutual TLS: the cluster's CA certificate; only nodes whose certificates it signed may connect ($SWEEPS_TLS_CA, sweeps.tls.ca).")]
    public string? TlsCaFlag { get; init; }

    public string? TlsCertificate => Config.Text("tls.certificate", TlsCertificateFlag, "SWEEPS_TLS_CERTIFICATE");

    public string? TlsCa => Config.Text("tls.ca", TlsCaFlag, "SWEEPS_TLS_CA");

    public override ValidationResult Validate()
    {
        try
        {
            _ = Config;
        }
        catch (UsageException e)
        {
            return ValidationResult.Error(e.Message);
        }
        if ((TlsCertificate is null) != (TlsCa is null))
            return ValidationResult.Error("--tls-certificate and --tls-ca go together: give this node's certificate and the cluster's CA, or neither");
        if (TlsCertificate is not null && !File.Exists(TlsCertificate))
            return ValidationResult.Error($"--tls-certificate: {TlsCertificate} does not exist; give this node's certificate and key as a .pfx/.p12 file");
        if (TlsCa is not null && !File.Exists(TlsCa))
            return ValidationResult.Error($"--tls-ca: {TlsCa} does not exist; give the cluster's CA certificate (PEM)");
        foreach (var seed in SafeSeeds())
        {
            try
            {
                ClusterNodeOptions.SeedAddress(seed);
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error($"--seed: {e.Message}");
            }
        }
        return base.Validate();
    }

    private IReadOnlyList<string> SafeSeeds()
    {
        try { return Seeds; } catch (UsageException) { return []; }
    }

    public ClusterNodeOptions Node(int port, IReadOnlyList<string> roles, IReadOnlyList<string>? seeds = null) => new()
    {
        Host = Host,
        Port = port,
        PublicHost = PublicHost,
        Seeds = seeds ?? Seeds,
        Roles = roles,
        Tls = TlsCertificate is null ? null : new TlsOptions(TlsCertificate, Config.Text("tls.password", TlsPasswordFlag, "SWEEPS_TLS_PASSWORD"), TlsCa!),
        StableAfter = Config.Duration("split-brain-resolver.stable-after") ?? new ClusterNodeOptions().StableAfter,
    };

    public bool IsLoopback => PublicHost is null && (Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address)));
}
