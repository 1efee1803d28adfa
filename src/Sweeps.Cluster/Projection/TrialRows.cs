using Sweeps.Cluster.Events;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Core.Trials;
using Sweeps.Store;

namespace Sweeps.Cluster.Projection;

/// <summary>
/// Turns the coordinator's journal events into rows of the results store. The events carry only trial indexes;
/// parameters and seeds come from each sweep's plan, which is deterministic, or, for an adaptive sweep (TPE), from the
/// points journaled as <see cref="TrialsSuggested"/> (each written at once as a pending row, so a projection started
/// again reads them back from the store).
/// </summary>
internal sealed class TrialRows
{
    private readonly Dictionary<string, TrialPlan> _plans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<long, TrialParameters>> _suggested = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);

    /// <summary>How many rows an event writes (at least 1), so that a batch is measured in rows, not events.</summary>
    public static long Weight(object evt) => Math.Max(1, evt switch
    {
        TrialsDispatched e => e.NewCount + e.Retries.Count,
        TrialsFinished e => e.Outcomes.Count,
        TrialsRequeued e => e.Trials.Count,
        TrialsRefused e => e.Trials.Count,
        TrialsSuggested e => e.Parameters.Count,
        TrialsReachedRung e => e.Results.Count,
        TrialsPruned e => e.Trials.Count,
        TrialsRetried e => e.Trials.Count,
        _ => 1,
    });

    /// <param name="stored">The sweep's rows in the store, read only for an adaptive sweep, whose points they hold.</param>
    public void Know(SweepRow sweep, Func<string, IEnumerable<TrialRow>> stored)
    {
        if (sweep.State == SweepState.Cancelled) _cancelled.Add(sweep.Name);
        if (Plan(sweep.Name, sweep.Spec).Spec.Sampler != SamplerKind.Tpe) return;
        var points = _suggested[sweep.Name] = new Dictionary<long, TrialParameters>();
        foreach (var row in stored(sweep.Name)) points[row.Index] = row.Parameters;
    }

    public void Add(StoreBatch batch, object evt)
    {
        switch (evt)
        {
            case SweepSubmitted e:
                var plan = Plan(e.Name, e.Spec);
                batch.Sweeps.Add(new SweepRow(e.Name, plan.Spec.Job, plan.Spec.Sampler.ToString().ToLowerInvariant(), e.TotalTrials,
                    plan.Spec.Objective?.Metric, plan.Spec.Objective?.Goal.ToString().ToLowerInvariant(), e.Fingerprint, e.Spec,
                    SweepState.Running, e.At) { Origin = e.Origin });
                break;
            case SweepExtended e:
                _plans[e.Sweep] = new TrialPlan(SpecLoader.ParseTrusted(e.Spec, $"sweep '{e.Sweep}'"));
                batch.Extensions.Add((e.Sweep, e.Spec, e.Fingerprint, e.TotalTrials));
                break;
            case TrialsSuggested e:
                var points = _suggested.TryGetValue(e.Sweep, out var known) ? known : _suggested[e.Sweep] = new Dictionary<long, TrialParameters>();
                for (var i = 0; i < e.Parameters.Count; i++)
                {
                    points[e.FirstIndex + i] = e.Parameters[i];
                    batch.Put(Row(e.Sweep, e.FirstIndex + i, TrialStatus.Pending, 0, null, null));
                }
                break;
            case TrialsDispatched e:
                foreach (var retry in e.Retries) batch.Put(Row(e.Sweep, retry.Index, TrialStatus.Running, retry.Attempt, e.Worker, e.At));
                for (var i = e.FirstNew; i < e.FirstNew + e.NewCount; i++) batch.Put(Row(e.Sweep, i, TrialStatus.Running, 1, e.Worker, e.At));
                break;
            case TrialsFinished e:
                foreach (var o in e.Outcomes) batch.Put(Ended(e.Sweep, o, o.Succeeded ? TrialStatus.Completed : TrialStatus.Failed, e.Worker));
                break;
            case TrialsReachedRung e:
                // paused at a rung, its checkpoint kept: pending, with what it reached there, until promoted or pruned
                foreach (var r in e.Results)
                    batch.Put(Ended(e.Sweep, r.Outcome, TrialStatus.Pending, e.Worker) with
                    {
                        Error = $"paused at rung {r.Rung} ({_plans[e.Sweep].Spec.Scheduler?.Resource} {r.Step}): waits to be promoted or pruned",
                    });
                break;
            case TrialsPruned e:
                foreach (var t in e.Trials) batch.Put(Ended(e.Sweep, t.Outcome, TrialStatus.Pruned, worker: null));
                break;
            case TrialsRetried e:
                // pending as the new attempt: strictly newer, so the guard lets it replace the failed or pruned row
                for (var i = 0; i < e.Trials.Count; i++)
                    batch.Put(Row(e.Sweep, e.Trials[i].Index, TrialStatus.Pending, e.Trials[i].Attempt, null, null) with
                        { Error = $"will run again: retried (was {(i < e.Failed ? "failed" : "pruned")})" });
                break;
            case TrialsRequeued e:
                // a cancelled sweep's trials are handed back never to run again
                var then = _cancelled.Contains(e.Sweep) ? "not run" : "will run again";
                foreach (var t in e.Trials)
                    batch.Put(Row(e.Sweep, t.Index, TrialStatus.Pending, t.Attempt - 1, null, null) with { Error = $"{then}: {e.Reason}" });
                break;
            case SweepStateChanged e:
                batch.States.Add((e.Sweep, e.State));
                if (e.State == SweepState.Cancelled) _cancelled.Add(e.Sweep);
                break;
            case TrialsRefused e:
                foreach (var t in e.Trials)
                    batch.Put(Row(e.Sweep, t.Index, TrialStatus.Pending, t.Attempt - 1, null, null) with { Error = $"will run again: worker {e.Worker} refused it: {e.Reason}" });
                batch.Notices.Add(new SweepNotice(e.Sweep, SweepNotice.RefusedPrefix + e.Worker, $"worker {e.Worker} cannot run it: {e.Reason}", e.At));
                break;
            case SweepWaiting e:
                batch.Notices.Add(new SweepNotice(e.Sweep, SweepNotice.Waiting, e.Reason, e.At));
                break;
        }
    }

    /// <summary>A trial's row with what its attempt came to.</summary>
    private TrialRow Ended(string sweep, Messages.TrialOutcome o, TrialStatus status, string? worker) =>
        Row(sweep, o.Index, status, o.Attempt, worker, o.StartedAt) with
        {
            EndedAt = o.EndedAt,
            DurationMs = (o.EndedAt - o.StartedAt).TotalMilliseconds,
            Metrics = o.Metrics,
            Series = o.Series,
            Error = o.Error,
            Host = o.Host,
            Details = o.Details,
        };

    private TrialRow Row(string sweep, long index, TrialStatus status, int attempt, string? worker, DateTime? startedAt)
    {
        var plan = _plans[sweep];
        var trial = plan.Spec.Sampler == SamplerKind.Tpe ? plan.At(index, _suggested[sweep][index]) : plan.At(index);
        return new TrialRow(sweep, index, trial.Point, trial.Replicate, trial.Seed, trial.Parameters, status, attempt, worker,
            startedAt, null, null, new Dictionary<string, double>(), null, null);
    }

    private TrialPlan Plan(string name, string spec)
    {
        if (!_plans.TryGetValue(name, out var plan))
        {
            // Journaled canonical text, checked on submission: read back without the registry, so a coordinator started
            // without a plugin (--jobs) still writes the rows of that plugin's sweeps.
            plan = new TrialPlan(SpecLoader.ParseTrusted(spec, $"sweep '{name}'"));
            _plans[name] = plan;
        }
        return plan;
    }
}
