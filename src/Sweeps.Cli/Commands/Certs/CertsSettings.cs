using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweeps.Cli.Commands.Certs;

/// <summary>Options every <c>sweeps certs</c> command takes: where the files go, and whether existing ones may be replaced.</summary>
public class CertsSettings : CommonSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder to write the files to (made if missing).")]
    public string? Out { get; init; }

    [CommandOption("--force")]
    [Description("Replace files that already exist (otherwise nothing is written).")]
    public bool Force { get; init; }

    public string OutFolder(string what) =>
        Out is { Length: > 0 } folder ? folder : throw new UsageException($"--out: give the folder to write {what} to, e.g. --out certs");
}

/// <summary>Options of the commands that sign with an existing CA.</summary>
public class SignedCertsSettings : CertsSettings
{
    [CommandOption("--ca-dir <DIR>")]
    [Description("Folder holding the CA's [green]ca.crt[/] and [green]ca.key[/] (made by sweeps certs create-ca).")]
    public string? CaDir { get; init; }

    [CommandOption("--days <DAYS>")]
    [Description("Days the certificate is valid, at most as long as the CA [[default: 825, or until the CA expires]].")]
    public int? Days { get; init; }

    public string CaFolder =>
        CaDir is { Length: > 0 } folder ? folder : throw new UsageException("--ca-dir: give the folder holding ca.crt and ca.key, e.g. --ca-dir certs (make them with sweeps certs create-ca)");
}
