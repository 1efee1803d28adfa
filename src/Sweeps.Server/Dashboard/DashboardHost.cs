using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Sweeps.Store;

namespace Sweeps.Server.Dashboard;

/// <summary><c>sweeps dashboard</c>'s own Kestrel server: the dashboard's pages at the root, over a store opened to read.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens (with the real port when asked for port 0).</summary>
    public Uri Address { get; }

    /// <exception cref="DashboardRefused">The address or port is refused, or cannot be listened on.</exception>
    public static async Task<DashboardHost> StartAsync(DashboardOptions options, ResultStore store, CancellationToken cancellation = default)
    {
        var address = options.Listen();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddSingleton(new DashboardData(store));
        var app = builder.Build();
        app.MapSweepsDashboard();
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new DashboardRefused($"--port: cannot listen on {options.Address}:{options.Port} ({e.Message}); choose another port");
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost"));
        if (IPAddress.IsLoopback(address))
            Log.Information("Dashboard on {Address}/ (this machine only) for {Store}", uri.ToString().TrimEnd('/'), store.Location.Display);
        else
            Log.Warning("Dashboard on {Address}/ for {Store} over plain HTTP with no login (--insecure): anyone who reaches port {Port} sees every sweep",
                uri.ToString().TrimEnd('/'), store.Location.Display, uri.Port);
        return new DashboardHost(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
