using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Server.Client;

namespace Sweeps.Cli.Commands;

/// <summary>Options of the commands that talk to a cluster's HTTP API (they do not join the cluster).</summary>
public class ClientSettings : CommonSettings
{
    public const string DefaultServer = "http://127.0.0.1:4080";

    [CommandOption("--server <URL>")]
    [Description("A coordinator node's HTTP API, e.g. [green]https://10.0.0.5:4080[/]; give several to fail over between them. Else $SWEEPS_SERVER (comma-separated), else " + DefaultServer + ".")]
    public string[] ServerFlags { get; init; } = [];

    [CommandOption("--tls-certificate <PFX>")]
    [Description("A client certificate and key (PKCS#12) signed by the cluster's CA ($SWEEPS_TLS_CERTIFICATE).")]
    public string? TlsCertificateFlag { get; init; }

    [CommandOption("--tls-password <PASSWORD>")]
    [Description("Password of the --tls-certificate file ($SWEEPS_TLS_PASSWORD).")]
    public string? TlsPasswordFlag { get; init; }

    [CommandOption("--tls-ca <PEM>")]
    [Description("The cluster's CA certificate: the servers must present a certificate it signed ($SWEEPS_TLS_CA).")]
    public string? TlsCaFlag { get; init; }

    [CommandOption("--token <TOKEN>")]
    [Description("A bearer token from [green]sweeps token create[/], instead of a client certificate ($SWEEPS_TOKEN).")]
    public string? TokenFlag { get; init; }

    public IReadOnlyList<string> Servers =>
        ServerFlags.Length > 0 ? ServerFlags
        : Env("SWEEPS_SERVER") is { } listed ? listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [DefaultServer];

    public string? TlsCertificate => TlsCertificateFlag ?? Env("SWEEPS_TLS_CERTIFICATE");

    public string? TlsCa => TlsCaFlag ?? Env("SWEEPS_TLS_CA");

    public string? Token => TokenFlag ?? Env("SWEEPS_TOKEN");

    public override ValidationResult Validate()
    {
        foreach (var server in Servers)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
                return ValidationResult.Error($"--server: '{server}' is not an http:// or https:// address; give e.g. {DefaultServer}");
            if (Token is not null && uri.Scheme == "http")
                return ValidationResult.Error($"--token: {server} is plain http, which would send the token in clear; use https:// (the coordinator runs with TLS)");
        }
        if (TlsCertificate is not null && !File.Exists(TlsCertificate))
            return ValidationResult.Error($"--tls-certificate: {TlsCertificate} does not exist; give a client certificate and key as a .pfx/.p12 file");
        if (TlsCa is not null && !File.Exists(TlsCa))
            return ValidationResult.Error($"--tls-ca: {TlsCa} does not exist; give the cluster's CA certificate (PEM)");
        return base.Validate();
    }

    public SweepsClient Connect()
    {
        try
        {
            return new SweepsClient(new SweepsClientOptions(Servers.Select(s => new Uri(s.EndsWith('/') ? s : s + "/")).ToList())
            {
                CertificatePath = TlsCertificate,
                CertificatePassword = TlsPasswordFlag ?? Env("SWEEPS_TLS_PASSWORD"),
                CaPath = TlsCa,
                Token = Token,
            });
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new UsageException($"--tls-certificate: {TlsCertificate} cannot be read ({e.Message}); is --tls-password right?");
        }
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
