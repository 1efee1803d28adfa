using System.ComponentModel;
using Spectre.Console.Cli;
using Sweeps.Cluster.Security;

namespace Sweeps.Cli.Commands.Certs;

public sealed class CreateNodeSettings : SignedCertsSettings
{
    [CommandOption("--host <NAME_OR_IP>")]
    [Description("A DNS name or IP address the node is reached by; repeat for each (e.g. --host node1.example.com --host 10.0.0.5).")]
    public string[] Hosts { get; init; } = [];

    [CommandOption("--name <NAME>")]
    [Description("The certificate's common name.")]
    [DefaultValue("node")]
    public string Name { get; init; } = "node";
}

/// <summary>
/// <c>sweeps certs create-node</c>: a node's certificate signed by the CA, for mutual TLS between nodes
/// (<c>--tls-certificate node.pfx</c>) and HTTPS on the node's API: <c>node.pfx</c>, <c>node.crt</c>, <c>node.key</c>.
/// </summary>
public sealed class CreateNodeCommand : CertsCommand<CreateNodeSettings>
{
    protected override IReadOnlyList<string> Make(CreateNodeSettings settings, DateTimeOffset now)
    {
        var folder = settings.OutFolder("node.pfx, node.crt and node.key");
        using var ca = CertificateAuthority.Load(settings.CaFolder, now);
        using var node = ca.IssueNode(settings.Name, settings.Hosts, settings.Days, now);
        return CertificateAuthority.SaveIssued(node, folder, "node", settings.Force);
    }
}
