using System.ComponentModel;
using Spectre.Console.Cli;
using Sweeps.Cluster.Security;

namespace Sweeps.Cli.Commands.Certs;

public sealed class CreateCaSettings : CertsSettings
{
    [CommandOption("--name <NAME>")]
    [Description("The CA's common name.")]
    [DefaultValue("Sweeps CA")]
    public string Name { get; init; } = "Sweeps CA";

    [CommandOption("--days <DAYS>")]
    [Description("Days the CA is valid; every certificate it signs expires by then.")]
    [DefaultValue(3650)]
    public int Days { get; init; } = 3650;
}

/// <summary><c>sweeps certs create-ca</c>: the cluster's own certificate authority, <c>ca.crt</c> and <c>ca.key</c>.</summary>
public sealed class CreateCaCommand : CertsCommand<CreateCaSettings>
{
    protected override IReadOnlyList<string> Make(CreateCaSettings settings, DateTimeOffset now)
    {
        var folder = settings.OutFolder("ca.crt and ca.key");
        using var ca = CertificateAuthority.Create(settings.Name, settings.Days, now);
        return ca.Save(folder, settings.Force);
    }
}
