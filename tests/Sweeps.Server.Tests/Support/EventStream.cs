namespace Sweeps.Server.Tests.Support;

/// <summary>Reads server-sent events by hand, as a person reading <c>curl -N</c> would: lines of field: value, a blank line ends an event.</summary>
public static class EventStream
{
    public sealed record Event(string Name, string? Id, string Data);

    public static async Task<List<Event>> ReadUntilAsync(HttpClient http, string path, Func<Event, bool> last, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<Event>();
        var fields = new Dictionary<string, string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                var colon = line.IndexOf(':');
                if (colon > 0) fields[line[..colon]] = line[(colon + 1)..].Trim();
                continue;
            }
            if (!fields.TryGetValue("data", out var data)) { fields.Clear(); continue; }
            var e = new Event(fields.GetValueOrDefault("event", "message"), fields.GetValueOrDefault("id"), data);
            fields.Clear();
            events.Add(e);
            if (last(e)) return events;
        }
        return events;
    }
}
