using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sweeps.Cluster.Messages;

namespace Sweeps.Server;

/// <summary>
/// <c>GET /sweeps/{name}/events</c>: server-sent events, a <c>progress</c> event every interval and one <c>end</c> event
/// when the sweep is over. Each event is a whole snapshot, so a client that reconnects (with Last-Event-ID or not), to this
/// node or another, simply continues; while the coordinator hands over, the stream says so in comments and carries on.
/// </summary>
internal static class ProgressStream
{
    public static async Task RunAsync(string name, HttpContext http, SweepsApi api)
    {
        var cancellation = http.RequestAborted;
        var current = Find(await api.Coordinator.ProgressAsync(cancellation), name);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var id = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var last) && last > 0 ? last : 0;
        var rate = new RateWindow();
        try
        {
            await response.WriteAsync("retry: 1000\n\n", cancellation);
            while (true)
            {
                var status = SweepStatus.From(current, rate.Add(DateTime.UtcNow, current.Done));
                id++;
                await response.WriteAsync($"id: {id}\nevent: {(status.IsOver ? "end" : "progress")}\ndata: {JsonSerializer.Serialize(status, ApiJson.Options)}\n\n", cancellation);
                await response.Body.FlushAsync(cancellation);
                if (status.IsOver) return;
                await Task.Delay(api.Options.ProgressInterval, cancellation);
                while (true)
                {
                    try
                    {
                        current = Find(await api.Coordinator.ProgressAsync(cancellation), name);
                        break;
                    }
                    catch (CoordinatorUnavailable e)
                    {
                        await response.WriteAsync($": {e.Message.Replace('\n', ' ')}\n\n", cancellation);
                        await response.Body.FlushAsync(cancellation);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away; it may come back here or elsewhere.
        }
    }

    public static SweepProgress Find(ProgressReport report, string name) =>
        report.Sweeps.FirstOrDefault(s => s.Name == name) ?? throw UnknownSweep(report, name);

    public static ApiProblem UnknownSweep(ProgressReport report, string name) =>
        new(StatusCodes.Status404NotFound, $"no sweep named '{name}'" + (report.Sweeps.Count == 0 ? "; none has been submitted" : $"; known: {string.Join(", ", report.Sweeps.Select(s => s.Name))}"));
}
