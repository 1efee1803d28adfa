namespace Sweeps.Server.Client;

/// <summary>One server-sent event: its name, id and data (comments and retry hints are skipped).</summary>
public sealed record ServerSentEvent(string Event, string? Id, string Data);

/// <summary>Reads <c>text/event-stream</c> line by line; a stream silent longer than <paramref name="idle"/> counts as dead.</summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, TimeSpan idle, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        using var reader = new StreamReader(stream);
        string name = "message";
        string? id = null;
        var data = new List<string>();
        while (true)
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            silence.CancelAfter(idle);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(silence.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new IOException($"the progress stream was silent for {idle.TotalSeconds:0} s");
            }
            if (line is null) yield break;
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return new ServerSentEvent(name, id, string.Join('\n', data));
                (name, data) = ("message", []);
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": name = value; break;
                case "data": data.Add(value); break;
                case "id": id = value; break;
            }
        }
    }
}
