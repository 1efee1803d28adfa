using System.Text.Json;

namespace Sweeps.Cli.Tests.Support;

/// <summary>Reads the coordinator's journal straight from the SQLite file: the source of truth for "recorded once".</summary>
internal static class Journal
{
    /// <summary>How many times each trial's final outcome was journaled.</summary>
    public static Dictionary<long, int> FinishedCounts(string database, string sweep)
    {
        var counts = new Dictionary<long, int>();
        foreach (var row in Files.Query(database, "SELECT message FROM journal WHERE manifest = 'e.fin' AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[0]!);
            if (doc.RootElement.GetProperty("Sweep").GetString() != sweep) continue;
            foreach (var outcome in doc.RootElement.GetProperty("Outcomes").EnumerateArray())
            {
                var index = outcome.GetProperty("Index").GetInt64();
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        }
        return counts;
    }

    /// <summary>Trials handed out but not finished, as the journal says: what a crash leaves in flight (index to attempt).</summary>
    public static Dictionary<long, int> InFlight(string database, string sweep)
    {
        var running = new Dictionary<long, int>();
        foreach (var row in Files.Query(database, "SELECT manifest, message FROM journal WHERE manifest IN ('e.dis', 'e.fin', 'e.req') AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[1]!);
            var e = doc.RootElement;
            if (e.GetProperty("Sweep").GetString() != sweep) continue;
            switch ((string)row[0]!)
            {
                case "e.dis":
                    var first = e.GetProperty("FirstNew").GetInt64();
                    for (var i = first; i < first + e.GetProperty("NewCount").GetInt32(); i++) running[i] = 1;
                    foreach (var retry in e.GetProperty("Retries").EnumerateArray()) running[retry.GetProperty("Index").GetInt64()] = retry.GetProperty("Attempt").GetInt32();
                    break;
                case "e.fin":
                    foreach (var outcome in e.GetProperty("Outcomes").EnumerateArray()) running.Remove(outcome.GetProperty("Index").GetInt64());
                    break;
                default:
                    foreach (var trial in e.GetProperty("Trials").EnumerateArray()) running.Remove(trial.GetProperty("Index").GetInt64());
                    break;
            }
        }
        return running;
    }

    /// <summary>The attempt each trial's final outcome was recorded under.</summary>
    public static Dictionary<long, int> FinishedAttempts(string database, string sweep)
    {
        var attempts = new Dictionary<long, int>();
        foreach (var row in Files.Query(database, "SELECT message FROM journal WHERE manifest = 'e.fin' AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[0]!);
            if (doc.RootElement.GetProperty("Sweep").GetString() != sweep) continue;
            foreach (var outcome in doc.RootElement.GetProperty("Outcomes").EnumerateArray())
                attempts[outcome.GetProperty("Index").GetInt64()] = outcome.GetProperty("Attempt").GetInt32();
        }
        return attempts;
    }

    /// <summary>Trials handed out while the sweep stood paused in the journal (between a pause and the next state change).</summary>
    public static int DispatchedWhilePaused(string database, string sweep)
    {
        var (paused, handedOut) = (false, 0);
        foreach (var row in Files.Query(database, "SELECT manifest, message FROM journal WHERE manifest IN ('e.st', 'e.dis') AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[1]!);
            var e = doc.RootElement;
            if (e.GetProperty("Sweep").GetString() != sweep) continue;
            if ((string)row[0]! == "e.st") paused = e.GetProperty("State").GetString() == "paused";
            else if (paused) handedOut += e.GetProperty("NewCount").GetInt32() + e.GetProperty("Retries").GetArrayLength();
        }
        return handedOut;
    }

    /// <summary>
    /// The trials the coordinator took back from <paramref name="worker"/> when it lost it (its node unreachable or
    /// gone): the first requeue, other than a hand-back or an expired lease, of trials all leased to that worker.
    /// </summary>
    public static HashSet<long> LostWith(string database, string sweep, string worker)
    {
        var leasedTo = new Dictionary<long, string>();
        foreach (var row in Files.Query(database, "SELECT manifest, message FROM journal WHERE manifest IN ('e.dis', 'e.fin', 'e.req') AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[1]!);
            var e = doc.RootElement;
            if (e.GetProperty("Sweep").GetString() != sweep) continue;
            switch ((string)row[0]!)
            {
                case "e.dis":
                    var first = e.GetProperty("FirstNew").GetInt64();
                    var to = e.GetProperty("Worker").GetString()!;
                    for (var i = first; i < first + e.GetProperty("NewCount").GetInt32(); i++) leasedTo[i] = to;
                    foreach (var retry in e.GetProperty("Retries").EnumerateArray()) leasedTo[retry.GetProperty("Index").GetInt64()] = to;
                    break;
                case "e.fin":
                    foreach (var outcome in e.GetProperty("Outcomes").EnumerateArray()) leasedTo.Remove(outcome.GetProperty("Index").GetInt64());
                    break;
                default:
                    var trials = e.GetProperty("Trials").EnumerateArray().Select(t => t.GetProperty("Index").GetInt64()).ToHashSet();
                    var reason = e.GetProperty("Reason").GetString() ?? "";
                    if (trials.Count > 0 && trials.All(t => leasedTo.GetValueOrDefault(t) == worker) && !reason.StartsWith("handed back") && !reason.Contains("lease expired"))
                        return trials;
                    foreach (var t in trials) leasedTo.Remove(t);
                    break;
            }
        }
        return [];
    }
}
