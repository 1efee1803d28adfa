using Sweeps.Core.Lifecycle;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Cluster.Messages;

namespace Sweeps.Server;

// The JSON the API speaks (version 1, under /api/v1). Field names are camelCase; absent values are left out.

/// <summary><c>POST /sweeps</c> as JSON: each entry is the YAML text of one spec file (one sweep, or several under sweeps:).</summary>
/// <param name="Origin">Who submits, from where (Sweeps version, host, user, git commit of the spec's folder); recorded with each sweep.</param>
public sealed record SubmitRequest(IReadOnlyList<string>? Specs, SweepOrigin? Origin = null);

/// <summary>What the coordinator said to a submit: one entry a sweep.</summary>
public sealed record SubmitResponse(IReadOnlyList<SubmittedSweep> Sweeps);

/// <summary>One sweep as <c>GET /sweeps</c> lists it and as the progress stream reports it.</summary>
/// <param name="Rate">Trials finished per second over the last moments; present in the progress stream.</param>
public sealed record SweepStatus(string Name, string State, long Total, long Done, long Completed, long Failed, long Running, long Pending, double? Rate = null, long Pruned = 0)
{
    public bool IsOver => StateNames.ParseSweepState(State).IsOver();

    public static SweepStatus From(SweepProgress p, double? rate = null) =>
        new(p.Name, p.State.Text(), p.Total, p.Done, p.Completed, p.Failed, p.Running, p.Pending, rate, p.Pruned);
}

public sealed record SweepList(IReadOnlyList<SweepStatus> Sweeps);

/// <summary><c>GET /sweeps/{name}</c>: the sweep's counts from the coordinator, its spec and first errors from the store.</summary>
public sealed record SweepDetails(SweepStatus Status, string? Job, string? Sampler, DateTime? SubmittedAt, string? Spec, IReadOnlyList<TrialError> FirstErrors,
    SweepOrigin? Origin = null);

public sealed record TrialError(long Trial, string Error);

/// <summary>The answer to pause, resume and cancel.</summary>
public sealed record StateChange(string Name, string State, string Message);

/// <summary><c>POST /sweeps/{name}/retry</c> as JSON: which trials run again (neither: the failed ones).</summary>
public sealed record RetryRequest(bool? Failed, bool? Pruned);

/// <summary>The answer to a retry: how many failed and pruned trials will run again.</summary>
public sealed record RetryResponse(string Name, long Failed, long Pruned, string Message);

/// <summary>A new bearer token; shown once, only its hash is kept.</summary>
public sealed record IssuedToken(string Token, string IssuedTo);

public sealed record Health(string Status, bool Coordinator);

/// <summary>Every error: what went wrong in a sentence, and for a refused spec each problem (file:line: field: ...).</summary>
public sealed record ApiError(string Error)
{
    public IReadOnlyList<string>? Problems { get; init; }

    public IReadOnlyList<SubmittedSweep>? Sweeps { get; init; }
}

public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Errors quote names ('x'); JSON bodies are never inlined into HTML, so no need to escape them as \u0027.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
