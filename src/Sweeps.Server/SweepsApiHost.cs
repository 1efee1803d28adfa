using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Sweeps.Core.Jobs;
using Sweeps.Server.Dashboard;
using Sweeps.Store;

namespace Sweeps.Server;

/// <summary>
/// The API on a Kestrel server of its own, beside a node: HTTP, or with TLS HTTPS with the node's certificate, asking
/// clients for theirs (checked against the cluster's CA per request, so a missing one gets a clear 401, not a failed handshake).
/// </summary>
public sealed class SweepsApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SweepsApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the API listens (with the real port when asked for port 0).</summary>
    public Uri Address { get; }

    public static Task<SweepsApiHost> StartAsync(SweepsApiOptions options, IActorRef coordinator, ResultStore store, JobRegistry jobs, CancellationToken cancellation = default) =>
        StartAsync(options, () => coordinator, store, jobs, cancellation);

    /// <param name="coordinator">The node's coordinator reference as of now (a node that restarts has a new one); null answers 503.</param>
    public static async Task<SweepsApiHost> StartAsync(SweepsApiOptions options, Func<IActorRef?> coordinator, ResultStore store, JobRegistry jobs, CancellationToken cancellation = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var certificate = options.Tls is { } tls
            ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.Password)
            : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var address = options.Address == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Address);
            kestrel.Listen(address, options.Port, listen =>
            {
                if (certificate is null) return;
                listen.UseHttps(certificate, https =>
                {
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                });
            });
        });
        builder.Services.AddSweepsApi(options, store, jobs, _ => coordinator());
        builder.Services.AddSingleton(provider => new DashboardData(store, provider.GetRequiredService<SweepsApi>().Coordinator.ProgressAsync));
        var app = builder.Build();
        app.MapSweepsApi();
        // the dashboard's pages, behind the same guard as the API (with TLS: a client certificate of the cluster's CA or a token)
        app.MapSweepsDashboard("/dashboard").AddEndpointFilter<ApiAuthentication>();
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"--http-port: cannot listen on {options.Address}:{options.Port} ({e.Message}); choose another port, or 0 for no HTTP API", e);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("[::]", "localhost"));
        Log.Information("HTTP API listening on {Address}/api/v1 ({Security})", uri.ToString().TrimEnd('/'),
            certificate is null ? "no TLS: open to whoever reaches the port" : "TLS: client certificate of the cluster's CA or an issued token");
        return new SweepsApiHost(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
