using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// Early stopping (<c>scheduler:</c>). Successive halving: a trial runs to a rung and pauses there with its result
/// (<see cref="TrialsReachedRung"/>); the best go on to the next rung from their checkpoints (<see cref="TrialsPromoted"/>)
/// and the rest are pruned (<see cref="TrialsPruned"/>). Median: a running trial that reports a worse value than the
/// finished trials' median at its step is pruned and its worker told to stop it. Every decision is an event, decided
/// from journaled state only, so recovery neither loses nor repeats one.
/// </summary>
public sealed partial class CoordinatorState
{
    /// <summary>Whether the sweep has a scheduler, so that its results may lead to promotions or prunings.</summary>
    public bool Schedules(string sweep) => _sweeps.TryGetValue(sweep, out var run) && run.Scheduler is not null;

    /// <summary>Of a worker's accepted results, those that end a run to a rung below the last: the trial pauses there.</summary>
    private static List<RungResult> RungResults(SweepRun sweep, IReadOnlyList<TrialOutcome> accepted)
    {
        var results = new List<RungResult>();
        if (sweep.Scheduler is not { UsesRungs: true } scheduler) return results;
        foreach (var outcome in accepted)
            if (outcome.Succeeded && scheduler.PausesAt(outcome.Index, out var rung, out var step))
                results.Add(new RungResult(outcome, rung, step, scheduler.ValueOf(outcome)));
        return results;
    }

    /// <summary>
    /// Promotions and prunings the sweeps' rungs call for now. A rung judges when it may (asynchronous: whenever a paused
    /// trial is in the best 1/η so far; synchronous: once full); when nothing of a sweep runs or waits any more, the
    /// trials still paused are pruned and the sweep finishes.
    /// </summary>
    public IReadOnlyList<object> DecideSchedule(DateTime now)
    {
        var events = new List<object>();
        foreach (var sweep in _order)
        {
            if (sweep.Scheduler is not { UsesRungs: true } scheduler || sweep.IsOver || scheduler.Paused.Count == 0) continue;
            var settled = sweep.State == SweepState.Running && sweep.Cursor >= sweep.Total && sweep.Running.Count == 0 && sweep.ToRunAgain.Count == 0;
            var (promote, prune) = scheduler.Decide(settled);
            if (promote.Count > 0)
                events.Add(new TrialsPromoted(sweep.Name,
                    promote.Select(p => new PromotedTrial(p.Trial, p.From, p.To, scheduler.Paused[p.Trial].Outcome.Attempt + 1)).ToList(), now));
            if (prune.Count == 0) continue;
            events.Add(new TrialsPruned(sweep.Name, prune.Select(p => new PrunedTrial(
                Marked(p.Paused.Outcome, p.Reason, p.Paused.Step, p.Paused.Rung), p.Paused.Step, p.Paused.Rung, p.Reason)).ToList(), now));
            AddFinishedIfDone(events, sweep, prune.Count);
        }
        return events;
    }

    /// <summary>
    /// Median rule: of the trials a worker's heartbeat reports on, those now worse than the finished trials' median at
    /// their step are pruned, with the metrics they last reported. The worker is then told to stop them.
    /// </summary>
    public IReadOnlyList<object> DecideMedianStops(string worker, IEnumerable<TrialReport> reports, DateTime now)
    {
        var events = new List<object>();
        foreach (var group in reports.GroupBy(r => r.Sweep, StringComparer.Ordinal))
        {
            if (!_sweeps.TryGetValue(group.Key, out var sweep) || sweep.Scheduler is not { UsesRungs: false } scheduler || sweep.State != SweepState.Running) continue;
            var pruned = new List<PrunedTrial>();
            foreach (var report in group.DistinctBy(r => r.Index))
            {
                if (!sweep.Running.TryGetValue(report.Index, out var lease) || lease.Worker != worker || lease.History is null) continue;
                if (scheduler.MedianStop(report.Index, lease.History, report.Step) is not { } reason) continue;
                var outcome = new TrialOutcome(sweep.Name, report.Index, lease.Attempt, true,
                    new Dictionary<string, double>(report.Metrics ?? new Dictionary<string, double>()), null, null, lease.Since, now);
                pruned.Add(new PrunedTrial(Marked(outcome, reason, report.Step, null), report.Step, null, reason));
            }
            if (pruned.Count == 0) continue;
            events.Add(new TrialsPruned(sweep.Name, pruned, now));
            AddFinishedIfDone(events, sweep, pruned.Count);
        }
        return events;
    }

    /// <summary>The stops to send for trials just pruned while running (median): their worker still runs them.</summary>
    public static IEnumerable<StopTrials> StopsFor(IEnumerable<object> events) => events.OfType<TrialsPruned>()
        .SelectMany(e => e.Trials.Select(t => t.Outcome.Index).Order().Chunk(StopTrials.MaxTrials)
            .Select(indexes => new StopTrials(e.Sweep, indexes, SweepState.Cancelled)));

    /// <summary>The outcome as stored: its details say why it was pruned, at which step and (successive halving) rung.</summary>
    private static TrialOutcome Marked(TrialOutcome outcome, string reason, long step, int? rung)
    {
        var details = outcome.Details is null ? new Dictionary<string, string>() : new Dictionary<string, string>(outcome.Details);
        details["pruned"] = reason;
        details["pruned_at_step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (rung is { } k) details["pruned_at_rung"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return outcome with { Details = details };
    }

    private bool ApplyScheduling(object evt)
    {
        switch (evt)
        {
            case TrialsReachedRung e:
                var reached = _sweeps[e.Sweep];
                foreach (var result in e.Results)
                {
                    if (!reached.Running.Remove(result.Outcome.Index)) reached.ToRunAgain.Remove(result.Outcome.Index);
                    reached.Scheduler!.Reached(result);
                }
                return true;
            case TrialsPromoted e:
                var promoted = _sweeps[e.Sweep];
                foreach (var trial in e.Trials)
                {
                    promoted.Scheduler!.Promoted(trial);
                    promoted.ToRunAgain[trial.Index] = new RetriedTrial(trial.Index, trial.Attempt, 0);
                }
                return true;
            case TrialsPruned e:
                var pruned = _sweeps[e.Sweep];
                foreach (var trial in e.Trials)
                {
                    var index = trial.Outcome.Index;
                    if (!pruned.Running.Remove(index)) pruned.ToRunAgain.Remove(index);
                    pruned.Scheduler?.Pruned(index);
                    pruned.Search?.Observe(trial.Outcome);
                    pruned.Pruned++;
                    pruned.Prunings[index] = trial.Outcome.Attempt;
                }
                return true;
            default:
                return false;
        }
    }
}
