using System.ComponentModel;
using Spectre.Console.Cli;
using Sweeps.Cluster.Security;

namespace Sweeps.Cli.Commands.Certs;

public sealed class CreateClientSettings : SignedCertsSettings
{
    [CommandOption("--name <USER>")]
    [Description("The user the certificate names (its common name).")]
    public string? Name { get; init; }
}

/// <summary>
/// <c>sweeps certs create-client</c>: a user's client certificate signed by the CA, for the node's HTTP API
/// (<c>curl --cert client.crt --key client.key --cacert ca.crt</c>): <c>client.pfx</c>, <c>client.crt</c>, <c>client.key</c>.
/// </summary>
public sealed class CreateClientCommand : CertsCommand<CreateClientSettings>
{
    protected override IReadOnlyList<string> Make(CreateClientSettings settings, DateTimeOffset now)
    {
        var user = settings.Name is { Length: > 0 } name ? name : throw new UsageException("--name: give the user the certificate is for, e.g. --name alice");
        var folder = settings.OutFolder("client.pfx, client.crt and client.key");
        using var ca = CertificateAuthority.Load(settings.CaFolder, now);
        using var client = ca.IssueClient(user, settings.Days, now);
        return CertificateAuthority.SaveIssued(client, folder, "client", settings.Force);
    }
}
