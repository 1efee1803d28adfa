using System.ComponentModel;
using Spectre.Console.Cli;
using Sweeps.Server.Dashboard;

namespace Sweeps.Cli.Commands;

public sealed class DashboardSettings : StoreSettings
{
    [CommandOption("--port <PORT>")]
    [Description("The port to serve the dashboard on (0 picks a free one).")]
    [DefaultValue(8080)]
    public int Port { get; init; } = 8080;

    [CommandOption("--bind <ADDRESS>")]
    [Description("The address to listen on: [green]127.0.0.1[/] (this machine only) unless --insecure allows another.")]
    [DefaultValue("127.0.0.1")]
    public string Bind { get; init; } = "127.0.0.1";

    [CommandOption("--insecure")]
    [Description("Allow a --bind beyond loopback, over plain HTTP with no login. A coordinator's HTTP API serves the same page at /dashboard with TLS and tokens.")]
    public bool Insecure { get; init; }
}

/// <summary><c>sweeps dashboard [--port 8080]</c>: a live, read-only web page of the store's sweeps, until Ctrl-C.</summary>
public sealed class DashboardCommand : SweepsCommand<DashboardSettings>
{
    protected override async Task<int> RunAsync(DashboardSettings settings, CancellationToken interruption)
    {
        var options = new DashboardOptions { Address = settings.Bind, Port = settings.Port, Insecure = settings.Insecure };
        try
        {
            options.Listen(); // a refused address is said before the store is opened
            var store = settings.OpenStoreToRead();
            await using var host = await DashboardHost.StartAsync(options, store, interruption);
            try
            {
                await Task.Delay(Timeout.Infinite, interruption);
            }
            catch (OperationCanceledException) when (interruption.IsCancellationRequested)
            {
            }
            return 0;
        }
        catch (DashboardRefused e)
        {
            throw new UsageException(e.Message);
        }
    }
}
