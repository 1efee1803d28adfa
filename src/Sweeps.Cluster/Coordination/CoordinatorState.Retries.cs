using Sweeps.Cluster.Events;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// <c>sweeps retry</c>: a sweep's failed or pruned trials run again, each as a new attempt (so a late result of the old
/// one is refused), a pruned one to its end instead of pausing at rungs. A finished sweep runs again until they are done.
/// </summary>
public sealed partial class CoordinatorState
{
    /// <summary>Trials a <see cref="TrialsRetried"/> event holds at most: thousands of retries stay many events under the frame size.</summary>
    public const int RetriedPerEvent = 10_000;

    /// <summary>
    /// Which trials of <paramref name="name"/> run again: its failed ones (<paramref name="failed"/>), its pruned ones
    /// (<paramref name="pruned"/>), or both; neither flag means failed. Refused, with the reason, for an unknown or
    /// cancelled sweep or when there is nothing to run again. O(trials run again).
    /// </summary>
    public RetryDecision DecideRetry(string name, bool failed, bool pruned, DateTime now)
    {
        if (!failed && !pruned) failed = true;
        var what = failed && pruned ? "failed or pruned" : failed ? "failed" : "pruned";
        if (!_sweeps.TryGetValue(name, out var sweep))
            return RetryDecision.Refused(_sweeps.Count == 0
                ? $"no sweep named '{name}'; none has been submitted"
                : $"no sweep named '{name}'; known: {string.Join(", ", _sweeps.Keys)}");
        if (sweep.State == SweepState.Cancelled)
            return RetryDecision.Refused($"sweep '{name}' was cancelled; its trials cannot run again (run a new sweep under another name)");
        var failures = failed ? sweep.Failures.Count : 0;
        var prunings = pruned ? sweep.Prunings.Count : 0;
        if (failures + prunings == 0)
        {
            // a journal written before retries were possible counts its failed trials without keeping which they were
            var unknown = (failed ? sweep.Failed - sweep.Failures.Count : 0) + (pruned ? sweep.Pruned - sweep.Prunings.Count : 0);
            return RetryDecision.Refused(unknown > 0
                ? $"sweep '{name}' has {unknown} {what} trials, but they ended before this version of Sweeps kept which; they cannot be retried"
                : $"sweep '{name}' has no {what} trials");
        }

        var trials = new List<RetriedTrial>(failures + prunings);
        if (failed) trials.AddRange(sweep.Failures.Select(f => new RetriedTrial(f.Key, f.Value + 1, 0)));
        if (pruned) trials.AddRange(sweep.Prunings.Select(p => new RetriedTrial(p.Key, p.Value + 1, 0)));
        var events = new List<object>();
        for (var start = 0; start < trials.Count; start += RetriedPerEvent)
        {
            var chunk = trials.GetRange(start, Math.Min(RetriedPerEvent, trials.Count - start));
            // failed trials come first in the list, so each event's failed ones are its first few
            var failedHere = Math.Clamp(failures - start, 0, chunk.Count);
            events.Add(new TrialsRetried(name, chunk, failedHere, chunk.Count - failedHere, now));
        }
        if (sweep.State == SweepState.Finished) events.Add(new SweepStateChanged(name, SweepState.Running, now));

        var counted = string.Join(" and ", new[] { (failures, "failed"), (prunings, "pruned") }
            .Where(c => c.Item1 > 0).Select(c => $"{c.Item1} {c.Item2} trial{(c.Item1 == 1 ? "" : "s")}"));
        var when = sweep.State == SweepState.Paused ? " once the sweep is resumed (it is paused)" : "";
        return new RetryDecision(events, true, $"sweep '{name}': {counted} will run again as new attempts{when}", failures, prunings);
    }

    private bool ApplyRetry(object evt)
    {
        if (evt is not TrialsRetried e) return false;
        var sweep = _sweeps[e.Sweep];
        foreach (var trial in e.Trials)
        {
            if (sweep.Failures.Remove(trial.Index)) sweep.Failed--;
            else if (sweep.Prunings.Remove(trial.Index))
            {
                sweep.Pruned--;
                sweep.Scheduler?.RunToTheEnd(trial.Index);
            }
            else continue; // not final (any more): nothing to run again
            sweep.ToRunAgain[trial.Index] = trial;
        }
        if (sweep.State == SweepState.Finished) sweep.State = SweepState.Running;
        return true;
    }
}

/// <param name="Events">The <see cref="TrialsRetried"/> events to journal (and a <see cref="SweepStateChanged"/> back to running for a finished sweep); none when refused.</param>
public sealed record RetryDecision(IReadOnlyList<object> Events, bool Done, string Message, long Failed, long Pruned)
{
    public static RetryDecision Refused(string message) => new([], false, message, 0, 0);
}
