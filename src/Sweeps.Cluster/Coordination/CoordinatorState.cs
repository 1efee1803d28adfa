using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// The coordinator's state and decisions, without an ActorSystem. Commands (<c>Decide...</c>) only say which
/// events should happen; <see cref="Apply"/> is the one place state changes, for live events and replayed ones alike.
/// A result counts only if it names the attempt that is running now and comes from the worker that attempt was handed to,
/// so a late, repeated or forged result is ignored.
/// A worker is given only trials of sweeps it can run: its job kinds and labels (from its hello) must fit the sweep's job
/// and <c>requires:</c>, and it must not have refused the sweep. A sweep no connected worker can run waits, and says why.
/// </summary>
public sealed partial class CoordinatorState(JobRegistry jobs, CoordinatorOptions options)
{
    private readonly List<SweepRun> _order = [];
    private readonly Dictionary<string, SweepRun> _sweeps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkerAbilities> _workers = new(StringComparer.Ordinal);
    private int _nextSweep;

    public CoordinatorOptions Options { get; } = options;

    public bool HasWork => _order.Any(s => s.HasWork);

    public SubmitDecision DecideSubmit(string specText, DateTime now, SweepOrigin? origin = null)
    {
        IReadOnlyList<SweepSpec> specs;
        try
        {
            // Text from the wire: Parse refuses it past SpecLimits before building anything from it.
            specs = SpecLoader.Parse(specText, "submitted spec", jobs);
        }
        catch (SpecException e)
        {
            return new SubmitDecision(new SubmittedSweep("?", false, false, 0, e.Errors.Select(x => x.ToString()).ToList()), null);
        }
        if (specs.Count != 1)
            return new SubmitDecision(new SubmittedSweep("?", false, false, 0,
                [$"a submitted spec must hold exactly one sweep, this one holds {specs.Count}; send each sweep as a spec of its own"]), null);
        var spec = specs[0];
        var fingerprint = SpecText.Fingerprint(spec);
        if (_sweeps.TryGetValue(spec.Name, out var existing))
        {
            if (existing.Fingerprint == fingerprint)
                return new SubmitDecision(new SubmittedSweep(spec.Name, true, true, existing.Total, []), null);
            if (SweepExtension.Extends(spec, existing.Spec))
            {
                if (existing.State == SweepState.Cancelled)
                    return new SubmitDecision(new SubmittedSweep(spec.Name, false, true, existing.Total,
                        [$"sweep '{spec.Name}' was cancelled; it cannot be given more trials (run a new sweep under another name)"]), null);
                var grown = spec.TrialCount;
                return new SubmitDecision(new SubmittedSweep(spec.Name, true, true, grown, []),
                    new SweepExtended(spec.Name, SpecText.ToCanonicalYaml(spec), fingerprint, grown, now));
            }
            var differences = SpecDiff.Between(existing.Spec, spec);
            return new SubmitDecision(new SubmittedSweep(spec.Name, false, true, existing.Total,
                [$"a sweep named '{spec.Name}' already exists with a different spec; rename this one or use a new store", .. differences]), null);
        }
        var total = spec.TrialCount;
        return new SubmitDecision(
            new SubmittedSweep(spec.Name, true, false, total, []),
            new SweepSubmitted(spec.Name, SpecText.ToCanonicalYaml(spec), fingerprint, total, now, origin?.Bounded()));
    }

    /// <summary>
    /// Which trials to hand a worker asking for <paramref name="count"/>: trials to run again first, then new ones, of
    /// sweeps it can run. A worker that never said hello (only tests) is taken to run everything.
    /// </summary>
    /// <returns><see cref="TrialsDispatched"/> events, each after the <see cref="TrialsSuggested"/> its new trials need, if any.</returns>
    public IReadOnlyList<object> DecideDispatch(string worker, int count, DateTime now)
    {
        var events = new List<object>();
        var abilities = _workers.GetValueOrDefault(worker);
        for (var tried = 0; tried < _order.Count && count > 0; tried++)
        {
            var sweep = _order[(_nextSweep + tried) % _order.Count];
            if (!sweep.HasWork) continue;
            if (abilities is not null && abilities.WhyNot(sweep) is not null) continue;
            if (sweep.RefusedBy.Count > 0 && sweep.RefusedBy.ContainsKey(worker)) continue;
            var retries = sweep.ToRunAgain.Values.Take(count).ToList();
            count -= retries.Count;
            var fresh = (int)Math.Min(count, sweep.Total - sweep.Cursor);
            if (sweep.Search is { } search)
            {
                // Without batches, a worker gets no more new trials than it has slots: a prefetched suggestion learns from nothing.
                if (!search.Batched) fresh = Math.Min(fresh, FreeSlots(abilities, sweep, worker));
                var suggested = search.Decide(sweep.Cursor, sweep.Total, fresh);
                if (suggested.Count > 0) events.Add(new TrialsSuggested(sweep.Name, search.Suggested, suggested, now));
                fresh = (int)Math.Min(fresh, search.Suggested + suggested.Count - sweep.Cursor);
                if (fresh == 0 && retries.Count == 0) continue; // the next batch waits for this one's results
            }
            count -= fresh;
            events.Add(new TrialsDispatched(sweep.Name, worker, sweep.Cursor, fresh, retries, now));
        }
        if (_order.Count > 0) _nextSweep = (_nextSweep + 1) % _order.Count;
        return events;
    }

    /// <summary>The worker's slots (1 when its hello did not say) less the trials of this sweep it runs now.</summary>
    private static int FreeSlots(WorkerAbilities? abilities, SweepRun sweep, string worker) =>
        Math.Max(0, Math.Max(1, abilities?.Slots ?? 1) - sweep.Running.Values.Count(lease => lease.Worker == worker));

    /// <summary>
    /// Turns a worker's results into events, keeping only those for the attempt that is running now and that this
    /// worker holds; the rest are refused, each with the reason.
    /// </summary>
    public ReportDecision DecideOutcomes(string worker, IReadOnlyList<TrialOutcome> outcomes)
    {
        var events = new List<object>();
        var refused = new List<RefusedReport>();
        foreach (var group in outcomes.GroupBy(o => o.Sweep))
        {
            var accepted = new List<TrialOutcome>();
            var sweep = _sweeps.GetValueOrDefault(group.Key);
            var seen = new HashSet<long>();
            foreach (var outcome in group)
            {
                var refusal = Holds(sweep, worker, outcome.Sweep, outcome.Index, outcome.Attempt)
                              ?? (seen.Add(outcome.Index) ? null : new RefusedReport(outcome.Key, outcome.Attempt, "repeated in the same report", false));
                if (refusal is null) accepted.Add(outcome);
                else refused.Add(refusal);
            }
            if (accepted.Count == 0 || sweep is null) continue;
            var atRungs = RungResults(sweep, accepted);
            if (atRungs.Count > 0)
            {
                events.Add(new TrialsReachedRung(sweep.Name, worker, atRungs));
                var paused = atRungs.Select(r => r.Outcome.Index).ToHashSet();
                accepted = accepted.Where(o => !paused.Contains(o.Index)).ToList();
                if (accepted.Count == 0) continue;
            }
            events.Add(new TrialsFinished(sweep.Name, worker, accepted));
            AddFinishedIfDone(events, sweep, accepted.Count);
        }
        return new ReportDecision(events, refused);
    }

    /// <summary>Null when <paramref name="worker"/> holds this attempt now; otherwise why its report does not count.</summary>
    private static RefusedReport? Holds(SweepRun? sweep, string worker, string sweepName, long index, int attempt)
    {
        var key = new TrialKey(sweepName, index);
        if (sweep is null) return new RefusedReport(key, attempt, $"there is no sweep named '{sweepName}'", false);
        if (!sweep.Running.TryGetValue(index, out var lease)) return new RefusedReport(key, attempt, "the trial is not running (finished, or waiting to run again)", false);
        if (lease.Attempt != attempt) return new RefusedReport(key, attempt, $"attempt {lease.Attempt} is running, not {attempt}", false);
        if (lease.Worker != worker) return new RefusedReport(key, attempt, $"attempt {attempt} was handed to worker '{lease.Worker}', not '{worker}'", true);
        return null;
    }

    /// <summary>A worker is gone (terminated, unreachable): all its trials run again, or fail if lost too often.</summary>
    public IReadOnlyList<object> DecideWorkerLost(string worker, string reason) =>
        DecideLosses((_, lease) => lease.Worker == worker, reason);

    /// <summary>Trials whose lease ran out (their worker stopped sending heartbeats) run again elsewhere.</summary>
    public IReadOnlyList<object> DecideExpiredLeases(DateTime now) =>
        DecideLosses((_, lease) => lease.Until <= now, "lease expired (no heartbeat from its worker)");

    public void RenewLeases(string worker, IEnumerable<TrialKey> holding, DateTime now, IEnumerable<TrialReport>? reports = null)
    {
        foreach (var key in holding)
        {
            if (_sweeps.TryGetValue(key.Sweep, out var sweep) && sweep.Running.TryGetValue(key.Index, out var lease) && lease.Worker == worker)
                lease.Until = now + Options.LeaseDuration;
        }
        foreach (var report in reports ?? [])
        {
            if (_sweeps.TryGetValue(report.Sweep, out var sweep) && sweep.Running.TryGetValue(report.Index, out var lease) && lease.Worker == worker)
            {
                lease.Report = report;
                if (sweep.Scheduler is { UsesRungs: false } median && report.Metrics?.TryGetValue(median.Spec.Metric, out var value) == true)
                    (lease.History ??= new())[report.Step] = value;
            }
        }
    }

    /// <summary>Whether the sweep's next trials are suggested from its results (TPE), so that results may make new work.</summary>
    public bool LearnsFromResults(string sweep) => _sweeps.TryGetValue(sweep, out var run) && run.Search is not null;

    /// <summary>A person pauses, resumes (running) or cancels a sweep; finishing is the coordinator's to decide.</summary>
    public SweepStateChangeDecision DecideStateChange(string name, SweepState state, DateTime now)
    {
        if (state is not (SweepState.Running or SweepState.Paused or SweepState.Cancelled))
            return new(null, $"a sweep cannot be set to {(state.IsKnown() ? $"'{state.Text()}'" : $"state {(int)state}")}; " +
                             $"choose {SweepState.Running.Text()} (resume), {SweepState.Paused.Text()} or {SweepState.Cancelled.Text()}");
        if (!_sweeps.TryGetValue(name, out var sweep))
            return new(null, $"no sweep named '{name}'; known: {string.Join(", ", _sweeps.Keys)}");
        if (sweep.IsOver)
            return new(null, $"sweep '{name}' is {sweep.State.Text()}; it cannot be changed any more");
        if (sweep.State == state)
            return new(null, $"sweep '{name}' is already {state.Text()}");
        return new(new SweepStateChanged(name, state, now), $"sweep '{name}' is now {state.Text()}");
    }

    public void Apply(object evt)
    {
        switch (evt)
        {
            case SweepSubmitted e:
                // The journal holds the canonical text DecideSubmit validated: rebuilt, not checked again.
                var spec = SpecLoader.ParseTrusted(e.Spec, $"sweep '{e.Name}' in the journal");
                Add(new SweepRun(spec, e.Spec, e.Fingerprint));
                break;
            case SweepExtended e:
                var before = _sweeps[e.Sweep];
                var after = before.ExtendedTo(SpecLoader.ParseTrusted(e.Spec, $"sweep '{e.Sweep}' in the journal"), e.Spec, e.Fingerprint);
                _sweeps[e.Sweep] = after;
                _order[_order.IndexOf(before)] = after;
                break;
            case TrialsDispatched e:
                var run = _sweeps[e.Sweep];
                var until = e.At + Options.LeaseDuration;
                foreach (var retry in e.Retries)
                {
                    run.ToRunAgain.Remove(retry.Index);
                    run.Running[retry.Index] = new Lease(retry.Attempt, retry.Losses, e.Worker, until) { Since = e.At };
                }
                for (var i = e.FirstNew; i < e.FirstNew + e.NewCount; i++)
                    run.Running[i] = new Lease(1, 0, e.Worker, until) { Since = e.At };
                run.Cursor = Math.Max(run.Cursor, e.FirstNew + e.NewCount);
                break;
            case TrialsFinished e:
                var finished = _sweeps[e.Sweep];
                foreach (var outcome in e.Outcomes)
                {
                    if (!finished.Running.Remove(outcome.Index)) finished.ToRunAgain.Remove(outcome.Index);
                    finished.Search?.Observe(outcome);
                    finished.Scheduler?.Finished(outcome);
                    if (outcome.Succeeded) finished.Completed++;
                    else
                    {
                        finished.Failed++;
                        finished.Failures[outcome.Index] = outcome.Attempt;
                    }
                }
                break;
            case TrialsRequeued e:
                var requeued = _sweeps[e.Sweep];
                foreach (var trial in e.Trials)
                {
                    requeued.Running.Remove(trial.Index);
                    requeued.ToRunAgain[trial.Index] = new RetriedTrial(trial.Index, trial.Attempt, trial.Losses);
                }
                break;
            case SweepStateChanged e:
                _sweeps[e.Sweep].State = e.State;
                break;
            case TrialsSuggested e:
                _sweeps[e.Sweep].Search!.Apply(e);
                break;
            case TrialsRefused e:
                var refusedRun = _sweeps[e.Sweep];
                foreach (var trial in e.Trials)
                {
                    refusedRun.Running.Remove(trial.Index);
                    refusedRun.ToRunAgain[trial.Index] = new RetriedTrial(trial.Index, trial.Attempt, trial.Losses);
                }
                refusedRun.RefusedBy[e.Worker] = e.Reason;
                break;
            case SweepWaiting e:
                _sweeps[e.Sweep].Waiting = e.Reason;
                break;
            default:
                if (!ApplyScheduling(evt) && !ApplyRetry(evt)) throw new ArgumentException($"the coordinator has no rule for {evt.GetType().Name}", nameof(evt));
                break;
        }
    }

    /// <summary>After recovery nothing is running: every trial that was, runs again as a new attempt.</summary>
    public void RequeueAllRunning()
    {
        foreach (var sweep in _order)
        {
            foreach (var (index, lease) in sweep.Running)
                sweep.ToRunAgain[index] = new RetriedTrial(index, lease.Attempt + 1, lease.Losses);
            sweep.Running.Clear();
        }
    }

    public CoordinatorSnapshot Snapshot() => new(_order.Select(s => new SweepSnapshot(
        s.Name, s.SpecText, s.Fingerprint, s.Total, s.Cursor, s.Completed, s.Failed, s.State,
        s.ToRunAgain.Values
            .Concat(s.Running.Select(r => new RetriedTrial(r.Key, r.Value.Attempt + 1, r.Value.Losses)))
            .OrderBy(r => r.Index)
            .ToList(),
        s.Waiting)
    {
        Suggested = s.Search?.SuggestedPoints.ToList(),
        Observed = s.Search?.Observed.ToList(),
        Scheduler = s.Scheduler?.Snapshot(),
        Failures = s.Failures.Select(f => new RetriedTrial(f.Key, f.Value, 0)).ToList(),
        Prunings = s.Prunings.Select(f => new RetriedTrial(f.Key, f.Value, 0)).ToList(),
        Pruned = s.Pruned,
    }).ToList());

    public void Restore(CoordinatorSnapshot snapshot)
    {
        _order.Clear();
        _sweeps.Clear();
        foreach (var s in snapshot.Sweeps)
        {
            var spec = SpecLoader.ParseTrusted(s.Spec, $"sweep '{s.Name}' in a snapshot");
            var run = new SweepRun(spec, s.Spec, s.Fingerprint)
                { Cursor = s.Cursor, Completed = s.Completed, Failed = s.Failed, Pruned = s.Pruned, State = s.State, Waiting = s.Waiting };
            foreach (var retry in s.ToRunAgain) run.ToRunAgain[retry.Index] = retry;
            run.Search?.Restore(s.Suggested, s.Observed);
            run.Scheduler?.Restore(s.Scheduler);
            foreach (var failed in s.Failures ?? []) run.Failures[failed.Index] = failed.Attempt;
            foreach (var pruned in s.Prunings ?? []) run.Prunings[pruned.Index] = pruned.Attempt;
            Add(run);
        }
    }

    public IReadOnlyList<SweepProgress> Progress() => _order
        .Select(s => new SweepProgress(s.Name, s.State, s.Total, s.Completed, s.Failed, s.Running.Count, s.Cursor)
        {
            Waiting = s.Waiting,
            Pruned = s.Pruned,
            // the few running trials furthest along, with their intermediate metrics, for progress displays
            Reports = s.Running.Values.Where(l => l.Report is not null).Select(l => l.Report!)
                .OrderByDescending(r => r.Fraction).ThenBy(r => r.Index).Take(8).ToList(),
        })
        .ToList();

    /// <summary>The messages to send a worker for trials just dispatched to it.</summary>
    public IEnumerable<TrialAssignment> Assignments(TrialsDispatched dispatched)
    {
        var sweep = _sweeps[dispatched.Sweep];
        foreach (var retry in dispatched.Retries) yield return Assignment(sweep, retry.Index, retry.Attempt);
        for (var i = dispatched.FirstNew; i < dispatched.FirstNew + dispatched.NewCount; i++) yield return Assignment(sweep, i, 1);
    }

    private static TrialAssignment Assignment(SweepRun sweep, long index, int attempt)
    {
        var trial = sweep.Search is { } search ? sweep.Plan.At(index, search[index]) : sweep.Plan.At(index);
        var (stopAt, mayContinue) = sweep.Scheduler?.Budget(index) ?? (null, false);
        return new TrialAssignment(sweep.Name, index, attempt, sweep.Spec.Job, trial.Seed, trial.Parameters,
            sweep.Spec.Settings.Count > 0 ? sweep.Spec.Settings : null, sweep.Spec.Timeout, stopAt, mayContinue);
    }

    private IReadOnlyList<object> DecideLosses(Func<long, Lease, bool> lost, string reason)
    {
        var events = new List<object>();
        var now = DateTime.UtcNow;
        foreach (var sweep in _order)
        {
            var requeued = new List<RequeuedTrial>();
            var failed = new List<TrialOutcome>();
            foreach (var (index, lease) in sweep.Running)
            {
                if (!lost(index, lease)) continue;
                if (lease.Losses + 1 >= Options.MaxLosses)
                    failed.Add(new TrialOutcome(sweep.Name, index, lease.Attempt, false, new Dictionary<string, double>(), null,
                        $"gave up after losing its worker {lease.Losses + 1} times; last: {reason} on {lease.Worker}", now, now));
                else
                    requeued.Add(new RequeuedTrial(index, lease.Attempt + 1, lease.Losses + 1));
            }
            if (requeued.Count > 0) events.Add(new TrialsRequeued(sweep.Name, requeued, reason));
            if (failed.Count > 0)
            {
                events.Add(new TrialsFinished(sweep.Name, "coordinator", failed));
                AddFinishedIfDone(events, sweep, failed.Count);
            }
        }
        return events;
    }

    private static void AddFinishedIfDone(List<object> events, SweepRun sweep, int finishing)
    {
        if (sweep.Done + finishing >= sweep.Total && sweep.State is SweepState.Running or SweepState.Paused)
            events.Add(new SweepStateChanged(sweep.Name, SweepState.Finished, DateTime.UtcNow));
    }

    private void Add(SweepRun run)
    {
        _sweeps.Add(run.Name, run);
        _order.Add(run);
    }
}

/// <param name="Event">A new sweep (<see cref="SweepSubmitted"/>), more trials for one (<see cref="SweepExtended"/>), or nothing to journal.</param>
public sealed record SubmitDecision(SubmittedSweep Reply, ISweepsMessage? Event);

public sealed record SweepStateChangeDecision(SweepStateChanged? Event, string Message);

/// <summary>What a worker's results or hand-backs come to: the events to journal, and what was refused and why.</summary>
public sealed record ReportDecision(IReadOnlyList<object> Events, IReadOnlyList<RefusedReport> Refused);

/// <param name="HeldByAnother">The attempt is running on another worker: a forgery or a confused node, worth a warning.
/// Otherwise the report is late or repeated, which happens in normal operation.</param>
public sealed record RefusedReport(TrialKey Trial, int Attempt, string Reason, bool HeldByAnother);
