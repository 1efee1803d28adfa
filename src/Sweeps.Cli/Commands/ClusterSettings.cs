using System.ComponentModel;
using System.Net;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands;

/// <summary>Options of the commands that join a Sweeps cluster.</summary>
public class ClusterSettings : StoreSettings
{
    [CommandOption("--seed <HOST:PORT>")]
    [Description("A node of the cluster to contact first (the coordinator's --host:--port); may be given more than once.")]
    public string[] Seeds { get; init; } = [];

    [CommandOption("--host <HOST>")]
    [Description("Address to listen on; [green]127.0.0.1[/] unless told otherwise.")]
    [DefaultValue("127.0.0.1")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("--public-host <HOST>")]
    [Description("Address other nodes reach this one by, when it differs from --host (containers, NAT).")]
    public string? PublicHost { get; init; }

    [CommandOption("--tls-certificate <PFX>")]
    [Description("Mutual TLS: this node's certificate and key (PKCS#12); with --tls-ca. Password from --tls-password or $SWEEPS_TLS_PASSWORD.")]
    public string? TlsCertificate { get; init; }

    [CommandOption("--tls-password <PASSWORD>")]
    [Description("Password of the --tls-certificate file.")]
    public string? TlsPassword { get; init; }

    [CommandOption("--tls-ca <PEM>")]
    [Description("Mutual TLS: the cluster's CA certificate; only nodes whose certificates it signed may connect.")]
    public string? TlsCa { get; init; }

    public override ValidationResult Validate()
    {
        if ((TlsCertificate is null) != (TlsCa is null))
            return ValidationResult.Error("--tls-certificate and --tls-ca go together: give this node's certificate and the cluster's CA, or neither");
        if (TlsCertificate is not null && !File.Exists(TlsCertificate))
            return ValidationResult.Error($"--tls-certificate: {TlsCertificate} does not exist; give this node's certificate and key as a .pfx/.p12 file");
        if (TlsCa is not null && !File.Exists(TlsCa))
            return ValidationResult.Error($"--tls-ca: {TlsCa} does not exist; give the cluster's CA certificate (PEM)");
        foreach (var seed in Seeds)
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

    public ClusterNodeOptions Node(int port, IReadOnlyList<string> roles, IReadOnlyList<string>? seeds = null) => new()
    {
        Host = Host,
        Port = port,
        PublicHost = PublicHost,
        Seeds = seeds ?? Seeds,
        Roles = roles,
        Tls = TlsCertificate is null ? null : new TlsOptions(TlsCertificate, TlsPassword ?? Environment.GetEnvironmentVariable("SWEEPS_TLS_PASSWORD"), TlsCa!),
    };

    public bool IsLoopback => PublicHost is null && (Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address)));
}
