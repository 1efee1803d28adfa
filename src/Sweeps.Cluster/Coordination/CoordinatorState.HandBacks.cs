using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// Trials that go back from a worker before they finish: stopped because a person paused or cancelled their sweep,
/// handed back by a stopping worker, or refused by one that cannot run them.
/// </summary>
public sealed partial class CoordinatorState
{
    /// <summary>
    /// The sweep was just paused or cancelled: which workers must stop which of its trials (each worker holding some is
    /// told, in messages of at most <see cref="StopTrials.MaxTrials"/>). Nothing for a sweep that is running or over.
    /// </summary>
    public IReadOnlyList<(string Worker, StopTrials Stop)> DecideStops(string sweepName)
    {
        if (!_sweeps.TryGetValue(sweepName, out var sweep) || sweep.State is not (SweepState.Paused or SweepState.Cancelled)) return [];
        return sweep.Running
            .GroupBy(r => r.Value.Worker, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(r => r.Key).Order().Chunk(StopTrials.MaxTrials)
                .Select(indexes => (g.Key, new StopTrials(sweep.Name, indexes, sweep.State))))
            .ToList();
    }

    /// <summary>
    /// A worker's heartbeat still names trials of paused or cancelled sweeps: it is told again to stop them (a stop can
    /// be lost, and a worker that met this coordinator after a restart never heard it). A trial it holds as an older
    /// attempt counts too: that attempt's result would be refused anyway.
    /// </summary>
    public IReadOnlyList<StopTrials> DecideStops(IEnumerable<TrialKey> holding)
    {
        List<StopTrials>? stops = null;
        foreach (var group in holding.GroupBy(k => k.Sweep, StringComparer.Ordinal))
        {
            if (!_sweeps.TryGetValue(group.Key, out var sweep)) continue;
            // a running sweep's trials the scheduler pruned while they ran (median) stop as if cancelled
            var stopping = sweep.State is SweepState.Paused or SweepState.Cancelled
                ? group.Select(k => k.Index)
                : group.Select(k => k.Index).Where(i => sweep.Prunings.ContainsKey(i) && !sweep.Running.ContainsKey(i));
            foreach (var indexes in stopping.Distinct().Order().Chunk(StopTrials.MaxTrials))
                (stops ??= []).Add(new StopTrials(sweep.Name, indexes, sweep.State is SweepState.Paused ? SweepState.Paused : SweepState.Cancelled));
        }
        return stops ?? (IReadOnlyList<StopTrials>)[];
    }

    /// <summary>
    /// A worker hands trials back (it is stopping, or was told to stop them because their sweep was paused or cancelled):
    /// they wait to run again as new attempts (a paused sweep's on resume, a cancelled sweep's never), and it is not held
    /// against them.
    /// </summary>
    public ReportDecision DecideReturned(string worker, IReadOnlyList<ReturnedTrial> trials)
    {
        var events = new List<object>();
        var refused = new List<RefusedReport>();
        foreach (var group in trials.GroupBy(t => t.Sweep))
        {
            var sweep = _sweeps.GetValueOrDefault(group.Key);
            var requeued = new List<RequeuedTrial>();
            foreach (var trial in group.DistinctBy(t => t.Index))
            {
                if (Holds(sweep, worker, trial.Sweep, trial.Index, trial.Attempt) is { } refusal) refused.Add(refusal);
                else requeued.Add(new RequeuedTrial(trial.Index, trial.Attempt + 1, sweep!.Running[trial.Index].Losses));
            }
            if (requeued.Count > 0)
                events.Add(new TrialsRequeued(sweep!.Name, requeued, sweep.State is SweepState.Paused or SweepState.Cancelled
                    ? $"sweep {sweep.State.Text()}: stopped on {worker}"
                    : $"handed back by {worker}"));
        }
        return new ReportDecision(events, refused);
    }

    /// <summary>
    /// A worker cannot run these trials at all: they run again as new attempts (not counted as losses), and the worker is
    /// given no more trials of their sweeps. Only the worker holding an attempt may refuse it.
    /// </summary>
    public ReportDecision DecideRefused(string worker, IReadOnlyList<RefusedTrial> trials, DateTime now)
    {
        var events = new List<object>();
        var refused = new List<RefusedReport>();
        foreach (var group in trials.GroupBy(t => t.Sweep))
        {
            var sweep = _sweeps.GetValueOrDefault(group.Key);
            var requeued = new List<RequeuedTrial>();
            string? reason = null;
            foreach (var trial in group.DistinctBy(t => t.Index))
            {
                if (Holds(sweep, worker, trial.Sweep, trial.Index, trial.Attempt) is { } refusal) refused.Add(refusal);
                else
                {
                    requeued.Add(new RequeuedTrial(trial.Index, trial.Attempt + 1, sweep!.Running[trial.Index].Losses));
                    reason ??= Bounded(trial.Reason);
                }
            }
            if (requeued.Count > 0) events.Add(new TrialsRefused(sweep!.Name, worker, requeued, reason!, now));
        }
        return new ReportDecision(events, refused);
    }

    private static string Bounded(string reason)
    {
        var line = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0) return "no reason given";
        return line.Length <= RefusedTrial.MaxReasonLength ? line : line[..RefusedTrial.MaxReasonLength] + "...";
    }
}
