using Sweeps.Core.Lifecycle;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Server.Client;

/// <summary>
/// Speaks the HTTP API to the listed coordinator nodes. A server that cannot be reached or answers 503 (its coordinator
/// is handing over) is passed over for the next; the one that answered is asked first next time.
/// </summary>
public sealed class SweepsClient : IDisposable
{
    private readonly SweepsClientOptions _options;
    private readonly HttpClient _http;
    private int _current;

    public SweepsClient(SweepsClientOptions options)
    {
        if (options.Servers.Count == 0) throw new ArgumentException("give at least one server");
        _options = options;
        var handler = new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        if (options.CertificatePath is { } certificate)
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(certificate, options.CertificatePassword)];
        if (options.CaPath is { } ca)
        {
            var authority = ClusterAuthority.Load(ca);
            // The cluster's CA signs only the cluster's nodes, so a chain to it is the identity; the name may be any of a node's addresses.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                presented is not null && (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && authority.Signed(new X509Certificate2(presented));
        }
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        if (options.Token is { } token) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The server that answered last.</summary>
    public Uri Server => _options.Servers[_current];

    public async Task<SubmitResponse> SubmitAsync(IReadOnlyList<string> specs, CancellationToken cancellation, SweepOrigin? origin = null) =>
        await SendAsync<SubmitResponse>(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/sweeps")
        {
            Content = new StringContent(JsonSerializer.Serialize(new SubmitRequest(specs, origin), ApiJson.Options), Encoding.UTF8, "application/json"),
        }, cancellation);

    /// <param name="verb">pause, resume or cancel.</param>
    public Task<StateChange> ChangeStateAsync(string sweep, string verb, CancellationToken cancellation) =>
        SendAsync<StateChange>(() => new HttpRequestMessage(HttpMethod.Post, $"api/v1/sweeps/{Uri.EscapeDataString(sweep)}/{verb}"), cancellation);

    /// <summary>Runs a sweep's failed trials, pruned trials, or both (neither: failed) again as new attempts.</summary>
    public Task<RetryResponse> RetryAsync(string sweep, bool failed, bool pruned, CancellationToken cancellation) =>
        SendAsync<RetryResponse>(() => new HttpRequestMessage(HttpMethod.Post,
            $"api/v1/sweeps/{Uri.EscapeDataString(sweep)}/retry?failed={(failed ? "true" : "false")}&pruned={(pruned ? "true" : "false")}"), cancellation);

    public Task<SweepList> ListAsync(CancellationToken cancellation) =>
        SendAsync<SweepList>(() => new HttpRequestMessage(HttpMethod.Get, "api/v1/sweeps"), cancellation);

    public Task<IssuedToken> IssueTokenAsync(CancellationToken cancellation) =>
        SendAsync<IssuedToken>(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/tokens"), cancellation);

    /// <summary>
    /// Follows a sweep's progress stream to its <c>end</c> event and returns the last status. When the server goes away
    /// mid-stream (its coordinator node died), continues from another listed server, or the same one once it is back.
    /// </summary>
    public async Task<SweepStatus> FollowAsync(string sweep, Action<SweepStatus> progress, CancellationToken cancellation)
    {
        string? lastId = null;
        var lastContact = DateTime.UtcNow;
        var failures = new List<string>();
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var server = Server;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"api/v1/sweeps/{Uri.EscapeDataString(sweep)}/events"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                if (lastId is not null) request.Headers.Add("Last-Event-ID", lastId);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
                if (!response.IsSuccessStatusCode) throw await RefusalAsync(response, cancellation);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
                await foreach (var e in ServerSentEvents.ReadAsync(stream, TimeSpan.FromSeconds(30), cancellation))
                {
                    lastContact = DateTime.UtcNow;
                    failures.Clear();
                    lastId = e.Id ?? lastId;
                    var status = JsonSerializer.Deserialize<SweepStatus>(e.Data, ApiJson.Options)!;
                    progress(status);
                    if (e.Event == "end") return status;
                }
                failures.Add($"{server}: the progress stream ended early");
            }
            catch (Exception e) when (IsUnreachable(e, cancellation))
            {
                failures.Add($"{server}: {Reason(e)}");
            }
            if (DateTime.UtcNow - lastContact > _options.FollowPatience)
                throw new SweepsApiException(null, $"lost the progress of sweep '{sweep}': no server answered for {_options.FollowPatience.TotalSeconds:0} s ({string.Join("; ", failures.TakeLast(_options.Servers.Count))})");
            _current = (_current + 1) % _options.Servers.Count;
            // After going round the whole list, wait a moment: a standby takes a few seconds to take over.
            if (_current == 0 || _options.Servers.Count == 1) await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> make, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + _options.BusyPatience;
        while (true)
        {
            var failures = new List<string>();
            var busy = false;
            for (var tried = 0; tried < _options.Servers.Count; tried++)
            {
                var server = _options.Servers[(_current + tried) % _options.Servers.Count];
                try
                {
                    using var request = make();
                    request.RequestUri = new Uri(server, request.RequestUri!);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                    timeout.CancelAfter(_options.RequestTimeout);
                    using var response = await _http.SendAsync(request, timeout.Token);
                    if (!response.IsSuccessStatusCode) throw await RefusalAsync(response, cancellation);
                    _current = (_current + tried) % _options.Servers.Count;
                    return await response.Content.ReadJsonAsync<T>(cancellation);
                }
                catch (Exception e) when (IsUnreachable(e, cancellation))
                {
                    busy |= e is SweepsApiException { Status: 503 };
                    failures.Add($"{server}: {Reason(e)}");
                }
            }
            // A node that answers 503 is there but its coordinator is starting or handing over: worth a few more tries.
            if (!busy || DateTime.UtcNow > deadline) throw new SweepsApiException(null, $"no coordinator answered: {string.Join("; ", failures)}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
    }

    private static bool IsUnreachable(Exception e, CancellationToken cancellation) => e switch
    {
        SweepsApiException api => api.Unreachable,
        HttpRequestException or IOException or SocketException => true,
        OperationCanceledException => !cancellation.IsCancellationRequested,
        _ => false,
    };

    private static string Reason(Exception e) => e switch
    {
        HttpRequestException { InnerException: SocketException socket } => socket.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : socket.Message,
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException tls } => $"TLS failed ({tls.Message}); check --tls-ca",
        OperationCanceledException => "no answer in time",
        _ => e.Message,
    };

    private static async Task<SweepsApiException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        var text = await response.Content.ReadAsStringAsync(cancellation);
        ApiError? error = null;
        try { error = JsonSerializer.Deserialize<ApiError>(text, ApiJson.Options); } catch (JsonException) { }
        var message = error?.Error ?? $"{(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text[..Math.Min(text.Length, 300)] : "")}";
        return new SweepsApiException((int)response.StatusCode, message, error?.Problems);
    }

    public void Dispose() => _http.Dispose();
}

internal static class HttpContentJson
{
    public static async Task<T> ReadJsonAsync<T>(this HttpContent content, CancellationToken cancellation) =>
        JsonSerializer.Deserialize<T>(await content.ReadAsStringAsync(cancellation), ApiJson.Options)
        ?? throw new SweepsApiException(null, "the server answered with an empty body");
}
