using Sweeps.Core.Jobs;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Microsoft.Data.Sqlite;
using Sweeps.Cluster.Hosting;
using Sweeps.Server.Tests.Support;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Server.Tests;

/// <summary>With the node's TLS on, the API is HTTPS and lets in only the cluster's client certificates and the tokens it issued.</summary>
public sealed class ApiSecurityTests : IAsyncLifetime
{
    private readonly string _folder = TestStores.NewFolder();
    private TestCertificates _cluster = null!;
    private ApiNode _node = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestCertificates(_folder, "cluster");
        _node = await ApiNode.StartAsync(new TlsOptions(_cluster.IssueNode("coordinator"), TestCertificates.Password, _cluster.CaPath), _folder);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_client_without_a_certificate_or_token_is_refused_with_what_would_work()
    {
        using var http = _node.Http(_cluster.CaPath);
        var (status, body) = await Json.GetAsync(http, "/api/v1/sweeps");
        Assert.Equal((401, "this API needs a client certificate signed by the cluster's CA (--tls-certificate with --tls-ca) or a token it issued (--token, or Authorization: Bearer ...)"),
            (status, body.Text("error")));
        (status, _) = await Json.PostAsync(http, "/api/v1/sweeps", Specs.Noop("sneaky"));
        Assert.Equal(401, status);
        Assert.Equal(200, (await Json.GetAsync(http, "/api/v1/health")).Status);
    }

    [Fact]
    public async Task A_certificate_from_another_ca_is_refused()
    {
        var stranger = new TestCertificates(_folder, "stranger");
        using var http = _node.Http(_cluster.CaPath, stranger.IssueNode("intruder"));
        var (status, body) = await Json.PostAsync(http, "/api/v1/sweeps", Specs.Noop("sneaky"));
        Assert.Equal((401, "the client certificate (CN=intruder) is not signed by this cluster's CA; use one that `sweeps certs create-client` made with the cluster's CA"),
            (status, body.Text("error")));
        Assert.Empty((await _node.Node.ProgressAsync()).Sweeps);
    }

    [Fact]
    public async Task The_cluster_s_client_certificate_is_accepted()
    {
        using var http = _node.Http(_cluster.CaPath, _cluster.IssueNode("client"));
        Assert.Equal(200, (await Json.PostAsync(http, "/api/v1/sweeps", Specs.Noop("welcome", trials: 3))).Status);
        var (status, body) = await Json.GetAsync(http, "/api/v1/sweeps");
        Assert.Equal((200, "welcome"), (status, body.GetProperty("sweeps")[0].Text("name")));
    }

    [Fact]
    public async Task Plain_http_to_a_tls_api_gets_no_answer()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_node.Address.Port}") };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/api/v1/sweeps"));
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_not_trusted_by_the_client()
    {
        var stranger = new TestCertificates(_folder, "stranger");
        using var http = _node.Http(stranger.CaPath, _cluster.IssueNode("client"));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/api/v1/sweeps"));
        Assert.IsType<AuthenticationException>(e.InnerException);
    }

    [Fact]
    public async Task A_token_issued_to_a_certificate_holder_is_accepted_alone_kept_only_as_a_hash_and_a_wrong_one_is_refused()
    {
        using var holder = _node.Http(_cluster.CaPath, _cluster.IssueNode("operator"));
        var (status, body) = await Json.PostAsync(holder, "/api/v1/tokens");
        Assert.Equal((200, "CN=operator"), (status, body.Text("issuedTo")));
        var token = body.Text("token");
        Assert.StartsWith("swt_", token);

        using var tool = _node.Http(_cluster.CaPath);
        tool.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (await Json.PostAsync(tool, "/api/v1/sweeps", Specs.Noop("by-token", trials: 3))).Status);
        // A token cannot make more tokens: that needs the certificate.
        (status, body) = await Json.PostAsync(tool, "/api/v1/tokens");
        Assert.Equal((401, "issuing a token needs a client certificate signed by the cluster's CA (--tls-certificate, with --tls-ca)"), (status, body.Text("error")));

        using var guesser = _node.Http(_cluster.CaPath);
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        (status, body) = await Json.GetAsync(guesser, "/api/v1/sweeps");
        Assert.Equal((401, "the bearer token is not one this cluster issued; check it, or make one with `sweeps token create`"), (status, body.Text("error")));

        using var connection = new SqliteConnection($"Data Source={_node.Node.Store!.Location.Display};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT hash, issued_to FROM api_tokens";
        using var rows = read.ExecuteReader();
        Assert.True(rows.Read());
        Assert.Equal((ApiTokens.Hash(token), "CN=operator"), (rows.GetString(0), rows.GetString(1)));
        Assert.DoesNotContain(token, rows.GetString(0));
        Assert.False(rows.Read());
    }

    [Fact]
    public async Task Another_coordinator_node_on_the_same_store_accepts_the_token()
    {
        using var holder = _node.Http(_cluster.CaPath, _cluster.IssueNode("operator"));
        var token = (await Json.PostAsync(holder, "/api/v1/tokens")).Body.Text("token");

        var tls = new TlsOptions(_cluster.IssueNode("standby"), TestCertificates.Password, _cluster.CaPath);
        await using var standby = await SweepsApiHost.StartAsync(new SweepsApiOptions { Port = 0, Tls = tls }, _node.Node.Coordinator,
            ResultStore.Open(_node.Node.Store!.Location), new JobRegistry().Register(NoopJob.Definition));
        using var tool = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && ClusterAuthority.Load(_cluster.CaPath).Signed(new System.Security.Cryptography.X509Certificates.X509Certificate2(c)) },
        }) { BaseAddress = standby.Address };
        tool.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (await Json.GetAsync(tool, "/api/v1/sweeps")).Status);
    }
}
