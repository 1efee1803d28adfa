using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace Sweeps.Server;

/// <summary>
/// <c>POST /sweeps/{name}/retry</c>: a sweep's failed trials, pruned trials, or both run again as new attempts. Which, from
/// the query (<c>?failed&amp;pruned</c>, each optionally <c>=true|false</c>) or a JSON body <c>{"failed": true, "pruned": false}</c>;
/// neither means failed.
/// </summary>
internal static class RetryEndpoint
{
    /// <summary>The body is two flags: anything larger is not a retry request.</summary>
    private const int MaxBodyBytes = 1024;

    private static readonly string[] Flags = ["failed", "pruned"];

    public static async Task<IResult> RetryAsync(string name, HttpContext http, SweepsApi api, CancellationToken cancellation)
    {
        var (failed, pruned) = await ChoiceAsync(http.Request, cancellation);
        ProgressStream.Find(await api.Coordinator.ProgressAsync(cancellation), name);
        var result = await api.Coordinator.RetryAsync(name, failed, pruned, cancellation);
        if (!result.Done) throw new ApiProblem(StatusCodes.Status409Conflict, result.Message);
        Log.Information("HTTP API: {Message}", result.Message);
        return Results.Json(new RetryResponse(name, result.Failed, result.Pruned, result.Message), ApiJson.Options);
    }

    private static async Task<(bool Failed, bool Pruned)> ChoiceAsync(HttpRequest request, CancellationToken cancellation)
    {
        foreach (var key in request.Query.Keys)
            if (!Flags.Contains(key))
                throw new ApiProblem(StatusCodes.Status400BadRequest, $"unknown query parameter '{Bounded(key)}'; a retry takes failed and pruned (?failed&pruned)");
        var failed = Flag(request, "failed");
        var pruned = Flag(request, "pruned");
        string text;
        try
        {
            text = await RequestBody.ReadTextAsync(request, MaxBodyBytes, cancellation);
        }
        catch (ApiProblem e) when (e.Status == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiProblem(e.Status, $"the body is larger than {MaxBodyBytes} bytes; a retry takes {{\"failed\": true, \"pruned\": false}} or nothing");
        }
        if (string.IsNullOrWhiteSpace(text)) return (failed, pruned);
        RetryRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<RetryRequest>(text, ApiJson.Options);
        }
        catch (JsonException e)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"the body is not valid JSON ({e.Message}); send {{\"failed\": true, \"pruned\": false}} or nothing");
        }
        return (failed || body?.Failed == true, pruned || body?.Pruned == true);
    }

    /// <summary>Present without a value or as true/1: yes; false/0: no; anything else is refused.</summary>
    private static bool Flag(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values)) return false;
        if (values.Count > 1) throw new ApiProblem(StatusCodes.Status400BadRequest, $"query parameter '{name}' is given {values.Count} times; give it once");
        return values[0]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "true" or "1" => true,
            "false" or "0" => false,
            var other => throw new ApiProblem(StatusCodes.Status400BadRequest, $"query parameter '{name}' is '{Bounded(other)}'; give true or false"),
        };
    }

    private static string Bounded(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
