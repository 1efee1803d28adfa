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

    public override ValidationResult Validate()
    {
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
    };

    public bool IsLoopback => PublicHost is null && (Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address)));
}
