using Sweeps.Core.Jobs;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Server.Tests.Support;

/// <summary>A real embedded node (coordinator and a worker) on a new SQLite store, with the HTTP API on 127.0.0.1 at a free port.</summary>
public sealed class ApiNode : IAsyncDisposable
{
    private ApiNode(SweepsNode node, SweepsApiHost api, string folder)
    {
        Node = node;
        Api = api;
        Folder = folder;
    }

    public SweepsNode Node { get; }

    public SweepsApiHost Api { get; }

    public string Folder { get; }

    public Uri Address => Api.Address;

    /// <param name="jobs">The jobs the node runs; noop when not given.</param>
    public static async Task<ApiNode> StartAsync(TlsOptions? tls = null, string? folder = null, JobRegistry? jobs = null, WorkerOptions? worker = null)
    {
        folder ??= TestStores.NewFolder();
        jobs ??= new JobRegistry().Register(NoopJob.Definition);
        var node = await SweepsNode.StartAsync(new SweepsNodeOptions(TestStores.Create(TestStores.Sqlite, folder)) { Worker = worker ?? new WorkerOptions { Slots = 2 } }, jobs);
        try
        {
            var api = await SweepsApiHost.StartAsync(new SweepsApiOptions { Port = 0, Tls = tls, AskTimeout = TimeSpan.FromSeconds(5) },
                node.Coordinator, node.Store!, jobs);
            return new ApiNode(node, api, folder);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>A plain HttpClient on the API, as curl would be; with TLS, trusting the cluster's CA and presenting <paramref name="certificate"/>.</summary>
    public HttpClient Http(string? caPath = null, string? certificate = null)
    {
        var handler = new SocketsHttpHandler();
        if (certificate is not null)
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(certificate, TestCertificates.Password)];
        if (caPath is not null)
        {
            var ca = ClusterAuthority.Load(caPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && ca.Signed(new X509Certificate2(presented));
        }
        return new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Node.DisposeAsync();
    }
}
