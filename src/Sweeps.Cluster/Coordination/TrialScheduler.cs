using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Spec;
using Sweeps.Search.Scheduling;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// One sweep's <c>scheduler:</c> as the coordinator holds it: the rungs its trials reached and the trials paused there
/// (successive halving), or the finished trials' curves (median). It changes only by journaled events, replayed on
/// recovery, and its decisions are functions of that state, so a coordinator that dies before journaling a decision
/// makes the same one after recovery, and one that journaled it replays it and does not make it again.
/// </summary>
internal sealed class TrialScheduler
{
    private readonly HyperbandBrackets? _hyperband;
    private readonly List<AshaLadder> _ladders;
    private readonly Dictionary<long, int> _reached = new();
    private readonly HashSet<long> _toTheEnd = new();
    private readonly List<RungRecord> _records = [];
    private readonly List<(long Trial, int From)> _promotions = [];
    private readonly MedianRule? _median;
    private readonly List<double[]> _curves = [];

    private TrialScheduler(SweepSpec sweep, SchedulerSpec spec)
    {
        Spec = spec;
        if (spec.Kind == SchedulerKind.Median)
        {
            _median = new MedianRule(spec.Goal, spec.MinResource, spec.StartupTrials);
            _ladders = [];
            return;
        }
        var rungs = new Rungs(spec.MinResource, spec.MaxResource, spec.ReductionFactor);
        if (spec.Kind == SchedulerKind.Hyperband)
        {
            _hyperband = new HyperbandBrackets(rungs);
            _ladders = _hyperband.Brackets.Select(b => new AshaLadder(b, spec.Goal)).ToList();
        }
        else
        {
            _ladders = [new AshaLadder(rungs, spec.Goal, spec.Kind == SchedulerKind.Sha ? sweep.TrialCount : null)];
        }
    }

    public static TrialScheduler? For(SweepSpec spec) => spec.Scheduler is { } s ? new TrialScheduler(spec, s) : null;

    public SchedulerSpec Spec { get; }

    public bool UsesRungs => _ladders.Count > 0;

    /// <summary>Trials waiting at a rung to be promoted or pruned, with what they reached there.</summary>
    public SortedDictionary<long, RungResult> Paused { get; } = new();

    private AshaLadder LadderOf(long trial) => _ladders[_hyperband?.BracketOf(trial) ?? 0];

    /// <summary>The rung the trial runs to next, in its bracket; null when it runs to its end (median, or run again by a person).</summary>
    public int? NextRung(long trial)
    {
        if (!UsesRungs || _toTheEnd.Contains(trial)) return null;
        return _reached.TryGetValue(trial, out var rung) ? Math.Min(rung + 1, LadderOf(trial).Rungs.Count - 1) : 0;
    }

    /// <summary>What the worker is told for the trial's next run: the step to stop after, and whether it may continue later.</summary>
    public (long? StopAtStep, bool MayContinue) Budget(long trial)
    {
        if (NextRung(trial) is not { } rung) return (null, false);
        var rungs = LadderOf(trial).Rungs;
        return (rungs.Levels[rung], rung < rungs.Count - 1);
    }

    /// <summary>A completed run to this rung pauses the trial there (any rung below its bracket's last).</summary>
    public bool PausesAt(long trial, out int rung, out long step)
    {
        (rung, step) = (-1, 0);
        if (NextRung(trial) is not { } next) return false;
        var rungs = LadderOf(trial).Rungs;
        (rung, step) = (next, rungs.Levels[next]);
        return next < rungs.Count - 1;
    }

    public double ValueOf(TrialOutcome outcome) =>
        outcome.Metrics.TryGetValue(Spec.Metric, out var value) ? value : double.NaN;

    public void Reached(RungResult result)
    {
        var trial = result.Outcome.Index;
        LadderOf(trial).Record(trial, result.Rung, result.Value);
        _reached[trial] = result.Rung;
        _records.Add(new RungRecord(trial, result.Rung, result.Value));
        Paused[trial] = result;
    }

    public void Promoted(PromotedTrial promoted)
    {
        LadderOf(promoted.Index).Promoted(promoted.Index, promoted.FromRung);
        _promotions.Add((promoted.Index, promoted.FromRung));
        Paused.Remove(promoted.Index);
    }

    public void Pruned(long trial) => Paused.Remove(trial);

    /// <summary>A person runs the trial again (<c>sweeps retry</c>): from its checkpoint to its end, judged no more.</summary>
    public void RunToTheEnd(long trial)
    {
        _toTheEnd.Add(trial);
        Paused.Remove(trial);
    }

    /// <summary>A trial finished (median): its curve of the metric, one value a step from step 1, is what later trials are held against.</summary>
    public void Finished(TrialOutcome outcome)
    {
        if (_median is null || !outcome.Succeeded) return;
        _curves.Add(outcome.Series?.GetValueOrDefault(Spec.Metric) ?? []);
    }

    /// <summary>
    /// Which paused trials go on and which stop now. <paramref name="settled"/>: nothing of the sweep runs or waits to run,
    /// so no rung will grow: a synchronous rung short of trials is judged as it is, and a trial not promoted then is pruned.
    /// </summary>
    public (List<Promotion> Promote, List<(RungResult Paused, string Reason)> Prune) Decide(bool settled)
    {
        var promote = new List<Promotion>();
        var prune = new List<(RungResult, string)>();
        foreach (var ladder in _ladders)
        {
            var promotions = ladder.Promotions(settled).Where(p => Paused.TryGetValue(p.Trial, out var at) && at.Rung == p.From).ToList();
            promote.AddRange(promotions);
            if (ladder.Synchronous)
                for (var k = 0; k < ladder.Rungs.Count - 1; k++)
                {
                    if (!ladder.Judged(k) && !settled) continue;
                    var kept = ladder.Kept(k).ToHashSet();
                    foreach (var trial in ladder.Ranked(k))
                        if (!kept.Contains(trial) && Paused.TryGetValue(trial, out var at) && at.Rung == k && LadderOf(trial) == ladder)
                            prune.Add((at, $"not in the best {kept.Count} of the {ladder.Reached(k)} trials at rung {k} ({Spec.Resource} {ladder.Rungs.Levels[k]})"));
                }
        }
        if (settled && promote.Count == 0)
        {
            var judged = prune.Select(p => p.Item1.Outcome.Index).ToHashSet();
            foreach (var at in Paused.Values.Where(p => !judged.Contains(p.Outcome.Index)))
            {
                var ladder = LadderOf(at.Outcome.Index);
                prune.Add((at, $"not promoted from rung {at.Rung} ({Spec.Resource} {at.Step}): {Spec.Metric} {at.Value:G6} is not in the best 1/{ladder.Rungs.ReductionFactor} of the {ladder.Reached(at.Rung)} trials there"));
            }
        }
        return (promote, prune.OrderBy(p => p.Item1.Outcome.Index).ToList());
    }

    /// <summary>Median: whether a running trial with these values so far, just reporting <paramref name="step"/>, stops now.</summary>
    public string? MedianStop(long trial, IReadOnlyDictionary<long, double> history, long step)
    {
        if (_median is null || _toTheEnd.Contains(trial)) return null;
        var atStep = _curves.Where(c => c.Length >= step && step >= 1).Select(c => c[step - 1]).ToList();
        if (!_median.ShouldStop(history, step, atStep, _curves.Count)) return null;
        var best = history.Where(h => h.Key <= step && !double.IsNaN(h.Value)).Select(h => h.Value).DefaultIfEmpty(double.NaN);
        var value = Spec.Goal == ObjectiveGoal.Minimize ? best.Min() : best.Max();
        return $"median rule at {Spec.Resource} {step}: best {Spec.Metric} so far {value:G6} is worse than the median of the {atStep.Count} finished trials there";
    }

    public SchedulerSnapshot Snapshot() => new(
        _records.ToList(), _promotions.Select(p => new RungRecord(p.Trial, p.From, 0)).ToList(), Paused.Values.ToList(),
        _toTheEnd.Order().ToList(), _curves.ToList());

    public void Restore(SchedulerSnapshot? snapshot)
    {
        if (snapshot is null) return;
        foreach (var record in snapshot.Reached)
        {
            LadderOf(record.Index).Record(record.Index, record.Rung, record.Value);
            _reached[record.Index] = Math.Max(record.Rung, _reached.GetValueOrDefault(record.Index, -1));
            _records.Add(record);
        }
        foreach (var promotion in snapshot.Promoted)
        {
            LadderOf(promotion.Index).Promoted(promotion.Index, promotion.Rung);
            _promotions.Add((promotion.Index, promotion.Rung));
        }
        foreach (var paused in snapshot.Paused) Paused[paused.Outcome.Index] = paused;
        foreach (var trial in snapshot.ToTheEnd) _toTheEnd.Add(trial);
        _curves.AddRange(snapshot.Curves);
    }
}
