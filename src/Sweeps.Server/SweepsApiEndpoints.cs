using Sweeps.Core.Lifecycle;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serilog;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Server;

/// <summary>The HTTP API, version 1: submit, list, status, pause, resume, cancel, retry, a progress stream, tokens, health.</summary>
public static class SweepsApiEndpoints
{
    private const int ErrorsShown = 5;

    public static IEndpointRouteBuilder MapSweepsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AddEndpointFilter<ApiErrors>().AddEndpointFilter<ApiAuthentication>();
        api.MapPost("/sweeps", Submit);
        api.MapGet("/sweeps", List);
        api.MapGet("/sweeps/{name}", Show);
        api.MapPost("/sweeps/{name}/pause", (string name, SweepsApi sweeps, CancellationToken c) => ChangeState(name, SweepState.Paused, sweeps, c));
        api.MapPost("/sweeps/{name}/resume", (string name, SweepsApi sweeps, CancellationToken c) => ChangeState(name, SweepState.Running, sweeps, c));
        api.MapPost("/sweeps/{name}/cancel", (string name, SweepsApi sweeps, CancellationToken c) => ChangeState(name, SweepState.Cancelled, sweeps, c));
        api.MapPost("/sweeps/{name}/retry", RetryEndpoint.RetryAsync);
        api.MapGet("/sweeps/{name}/events", (string name, HttpContext http, SweepsApi sweeps) => ProgressStream.RunAsync(name, http, sweeps));
        api.MapPost("/tokens", IssueToken).WithMetadata(ApiAccess.Certificate);
        api.MapGet("/health", Health).WithMetadata(ApiAccess.Anyone);
        endpoints.MapFallback("/api/{**path}", (HttpContext http) => Results.Json(
            new ApiError($"no endpoint {http.Request.Method} {http.Request.Path}; this server speaks /api/v1: sweeps, sweeps/{{name}}, sweeps/{{name}}/pause|resume|cancel|retry|events, tokens, health"),
            ApiJson.Options, statusCode: StatusCodes.Status404NotFound));
        return endpoints;
    }

    private static async Task<IResult> Submit(HttpContext http, SweepsApi api, CancellationToken cancellation)
    {
        var text = await RequestBody.ReadTextAsync(http.Request, api.Options.MaxSpecBytes, cancellation);
        var specs = new List<string>();
        var problems = new List<string>();
        var files = SpecFiles(http.Request, text, out var claimed);
        foreach (var (file, yaml) in files)
        {
            try
            {
                specs.AddRange(SpecLoader.Parse(yaml, file, api.Jobs).Select(SpecText.ToCanonicalYaml));
            }
            catch (SpecException e)
            {
                problems.AddRange(e.Errors.Select(error => error.ToString()));
            }
        }
        if (problems.Count > 0)
            throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, $"the spec cannot run ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); nothing was submitted") { Problems = problems };
        if (specs.Count == 0) throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "no spec was sent; send the YAML of a spec file as the body");

        // What the client says of itself is kept as it says it (bounded); where the request came from is known here.
        var origin = claimed ?? new SweepOrigin(null, null, null);
        if (origin.Host is null) origin = origin with { Host = http.Connection.RemoteIpAddress?.ToString() };
        var result = await api.Coordinator.SubmitAsync(specs, cancellation, origin.Bounded());
        var refused = result.Sweeps.Where(s => !s.Accepted).ToList();
        if (refused.Count > 0)
            throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "the coordinator refused " + string.Join("; ", refused.Select(s => $"sweep '{s.Name}'")))
            {
                Problems = refused.SelectMany(s => s.Problems.Select(p => $"{s.Name}: {p}")).ToList(),
                Sweeps = result.Sweeps,
            };
        foreach (var s in result.Sweeps.Where(s => !s.Existing)) Log.Information("HTTP API: sweep {Sweep} submitted ({Trials} trials)", s.Name, s.TotalTrials);
        return Results.Json(new SubmitResponse(result.Sweeps), ApiJson.Options);
    }

    /// <summary>The body as spec files: YAML text is one file; JSON is <c>{"specs": ["...", ...]}</c>.</summary>
    private static IEnumerable<(string File, string Yaml)> SpecFiles(HttpRequest request, string text, out SweepOrigin? origin)
    {
        origin = null;
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (type)
        {
            case null or "" or "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" or "text/plain":
                return [("spec", text)];
            case "application/json":
                SubmitRequest? request1;
                try
                {
                    request1 = JsonSerializer.Deserialize<SubmitRequest>(text, ApiJson.Options);
                }
                catch (JsonException e)
                {
                    throw new ApiProblem(StatusCodes.Status400BadRequest, $"the body is not valid JSON ({e.Message}); send {{\"specs\": [\"<yaml>\", ...]}}");
                }
                if (request1?.Specs is not { } specs) throw new ApiProblem(StatusCodes.Status400BadRequest, "the JSON body has no \"specs\" list; send {\"specs\": [\"<yaml>\", ...]}");
                origin = request1.Origin;
                return specs.Select((yaml, i) => ($"specs[{i}]", yaml ?? ""));
            default:
                throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType,
                    $"cannot read a body of type {type}; send the spec as Content-Type: application/yaml (curl: -H 'Content-Type: application/yaml' --data-binary @spec.yaml) or JSON {{\"specs\": [...]}}");
        }
    }

    private static async Task<IResult> List(SweepsApi api, CancellationToken cancellation)
    {
        var report = await api.Coordinator.ProgressAsync(cancellation);
        return Results.Json(new SweepList(report.Sweeps.Select(p => SweepStatus.From(p)).ToList()), ApiJson.Options);
    }

    private static async Task<IResult> Show(string name, SweepsApi api, CancellationToken cancellation)
    {
        var progress = ProgressStream.Find(await api.Coordinator.ProgressAsync(cancellation), name);
        // The projection may lag the coordinator by a moment: a sweep just submitted can have no row yet.
        var row = api.Store.FindSweep(name);
        var errors = api.Store.FirstErrors(name, ErrorsShown).Select(e => new TrialError(e.Index, e.Error)).ToList();
        return Results.Json(new SweepDetails(SweepStatus.From(progress), row?.Job, row?.Sampler, row?.SubmittedAt, row?.Spec, errors, row?.Origin), ApiJson.Options);
    }

    private static async Task<IResult> ChangeState(string name, SweepState state, SweepsApi api, CancellationToken cancellation)
    {
        ProgressStream.Find(await api.Coordinator.ProgressAsync(cancellation), name);
        var result = await api.Coordinator.ChangeStateAsync(name, state, cancellation);
        if (!result.Done) throw new ApiProblem(StatusCodes.Status409Conflict, result.Message);
        Log.Information("HTTP API: {Message}", result.Message);
        return Results.Json(new StateChange(name, state.Text(), result.Message), ApiJson.Options);
    }

    private static async Task<IResult> IssueToken(HttpContext http, SweepsApi api)
    {
        var certificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted);
        var subject = certificate?.Subject ?? "anyone (no TLS)";
        var token = api.Tokens.Issue(subject, DateTime.UtcNow);
        Log.Information("HTTP API: issued a token to {Subject}", subject);
        return Results.Json(new IssuedToken(token, subject), ApiJson.Options);
    }

    private static async Task<IResult> Health(SweepsApi api, CancellationToken cancellation)
    {
        try
        {
            await api.Coordinator.ProgressAsync(cancellation);
            return Results.Json(new Health("ok", true), ApiJson.Options);
        }
        catch (CoordinatorUnavailable)
        {
            return Results.Json(new Health("no coordinator answers", false), ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
