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
        foreach (var change in LeaseChanges(database, sweep))
        {
            if (change.Worker is not null) foreach (var (index, attempt) in change.Trials) running[index] = attempt;
            else foreach (var (index, _) in change.Trials) running.Remove(index);
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
    public static int DispatchedWhilePaused(string database, string sweep) => DispatchedWhile(database, sweep, "paused");

    /// <summary>Trials handed out while the sweep stood in <paramref name="state"/> in the journal (from that change to the next).</summary>
    public static int DispatchedWhile(string database, string sweep, string state)
    {
        var (inState, handedOut) = (false, 0);
        foreach (var row in Files.Query(database, "SELECT manifest, message FROM journal WHERE manifest IN ('e.st', 'e.dis') AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[1]!);
            var e = doc.RootElement;
            if (e.GetProperty("Sweep").GetString() != sweep) continue;
            if ((string)row[0]! == "e.st") inState = e.GetProperty("State").GetString() == state;
            else if (inState) handedOut += e.GetProperty("NewCount").GetInt32() + e.GetProperty("Retries").GetArrayLength();
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
        foreach (var change in LeaseChanges(database, sweep))
        {
            if (change.Worker is { } to)
            {
                foreach (var (index, _) in change.Trials) leasedTo[index] = to;
                continue;
            }
            var trials = change.Trials.Select(t => t.Index).ToHashSet();
            if (change.RequeueReason is { } reason && trials.Count > 0 && trials.All(t => leasedTo.GetValueOrDefault(t) == worker)
                && !reason.StartsWith("handed back") && !reason.Contains("lease expired"))
                return trials;
            foreach (var t in trials) leasedTo.Remove(t);
        }
        return [];
    }

    /// <summary>One journal event's effect on leases: trials handed to a worker, or trials that stopped being held.</summary>
    /// <param name="Worker">The worker the trials were handed to; null when they were finished or requeued.</param>
    /// <param name="RequeueReason">Why they were requeued; null when handed out or finished.</param>
    private sealed record LeaseChange(IReadOnlyList<(long Index, int Attempt)> Trials, string? Worker, string? RequeueReason);

    /// <summary>The dispatches, outcomes and requeues of one sweep, in journal order.</summary>
    private static IEnumerable<LeaseChange> LeaseChanges(string database, string sweep)
    {
        foreach (var row in Files.Query(database, "SELECT manifest, message FROM journal WHERE manifest IN ('e.dis', 'e.fin', 'e.req') AND deleted = false ORDER BY ordering"))
        {
            using var doc = JsonDocument.Parse((byte[])row[1]!);
            var e = doc.RootElement;
            if (e.GetProperty("Sweep").GetString() != sweep) continue;
            switch ((string)row[0]!)
            {
                case "e.dis":
                    var first = e.GetProperty("FirstNew").GetInt64();
                    var handed = new List<(long, int)>();
                    for (var i = first; i < first + e.GetProperty("NewCount").GetInt32(); i++) handed.Add((i, 1));
                    foreach (var retry in e.GetProperty("Retries").EnumerateArray())
                        handed.Add((retry.GetProperty("Index").GetInt64(), retry.GetProperty("Attempt").GetInt32()));
                    yield return new LeaseChange(handed, e.GetProperty("Worker").GetString()!, null);
                    break;
                case "e.fin":
                    yield return new LeaseChange(
                        e.GetProperty("Outcomes").EnumerateArray().Select(o => (o.GetProperty("Index").GetInt64(), 0)).ToList(), null, null);
                    break;
                default:
                    yield return new LeaseChange(
                        e.GetProperty("Trials").EnumerateArray().Select(t => (t.GetProperty("Index").GetInt64(), 0)).ToList(), null,
                        e.GetProperty("Reason").GetString() ?? "");
                    break;
            }
        }
    }
}
