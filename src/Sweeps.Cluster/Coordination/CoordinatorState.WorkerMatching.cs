using Sweeps.Cluster.Events;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// Which connected workers can run which sweeps: what each said in its hello, the sweeps it refused, and why a sweep
/// nobody can run waits.
/// </summary>
public sealed partial class CoordinatorState
{
    /// <summary>
    /// A worker said hello: what it runs and carries. Refusals it made before are forgotten: a hello is a new worker
    /// process (or one the coordinator met again after a restart), which may have what it lacked.
    /// </summary>
    public void WorkerJoined(string worker, IEnumerable<string> jobs, IReadOnlyDictionary<string, string> labels, int slots = 0)
    {
        _workers[worker] = new WorkerAbilities(jobs, labels) { Slots = slots };
        ForgetRefusals(worker);
    }

    /// <summary>A worker is gone: it no longer counts as one that could run a sweep, and its refusals are forgotten.</summary>
    public void WorkerLeft(string worker)
    {
        _workers.Remove(worker);
        ForgetRefusals(worker);
    }

    /// <summary>True when the worker said hello to this coordinator, so it knows what the worker can run.</summary>
    public bool Knows(string worker) => _workers.ContainsKey(worker);

    private void ForgetRefusals(string worker)
    {
        foreach (var sweep in _order) sweep.RefusedBy.Remove(worker);
    }

    /// <summary>
    /// Which sweeps now wait because no connected worker can run them, or no longer do: a <see cref="SweepWaiting"/> for
    /// each whose reason changed. With no worker connected at all nothing changes (workers come and go; that is not news).
    /// </summary>
    public IReadOnlyList<SweepWaiting> DecideWaiting(DateTime now)
    {
        var events = new List<SweepWaiting>();
        if (_workers.Count == 0) return events;
        foreach (var sweep in _order)
        {
            var reason = sweep.HasWork ? WhyNobodyRuns(sweep) : null;
            if (reason != sweep.Waiting) events.Add(new SweepWaiting(sweep.Name, reason, now));
        }
        return events;
    }

    /// <summary>Null when a connected worker can run the sweep; otherwise what each lacks, and how to give it that.</summary>
    private string? WhyNobodyRuns(SweepRun sweep)
    {
        var reasons = new List<string>();
        foreach (var (name, abilities) in _workers.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            var why = abilities.WhyNot(sweep) ?? (sweep.RefusedBy.TryGetValue(name, out var refusal) ? $"refused it: {refusal}" : null);
            if (why is null) return null;
            reasons.Add($"worker {name} {why}");
        }
        var text = $"no connected worker can run it: {string.Join("; ", reasons.Take(5))}" + (reasons.Count > 5 ? $"; and {reasons.Count - 5} more" : "");
        var job = sweep.Spec.Job;
        if (!_workers.Values.Any(w => w.RunsKind(job)))
            text += job == "command"
                ? ". Command jobs run only on workers started with --allow-commands"
                : $". Start a worker that runs '{job}' (a plugin kind: --jobs PATH/TO/PLUGIN.dll on the worker)";
        else if (sweep.Spec.Requires.Count > 0 && _workers.Values.All(w => WorkerLabels.Missing(sweep.Spec.Requires, w.Labels) is not null))
            text += $". Start a worker with {string.Join(" ", sweep.Spec.Requires.Select(r => $"--label {r.Key}={r.Value}"))}";
        return text;
    }
}
