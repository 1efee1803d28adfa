using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// What one connected worker can run, as its hello said: its job kinds and labels. Whether it fits a sweep is decided
/// once per sweep and kept (a sweep's spec never changes), so handing out trials costs a lookup, not a comparison.
/// </summary>
internal sealed class WorkerAbilities(IEnumerable<string> jobs, IReadOnlyDictionary<string, string> labels)
{
    private readonly HashSet<string> _jobs = new(jobs, StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _whyNot = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    /// <summary>How many trials the worker runs at once, as its hello said (0: it did not say).</summary>
    public int Slots { get; init; }

    public bool RunsKind(string kind) => _jobs.Contains(kind);

    /// <summary>Null when the worker runs the sweep's job kind and carries the labels it requires; otherwise why not.</summary>
    public string? WhyNot(SweepRun sweep)
    {
        if (_whyNot.TryGetValue(sweep.Name, out var why)) return why;
        why = !_jobs.Contains(sweep.Spec.Job) ? $"does not run job kind '{sweep.Spec.Job}'"
            : WorkerLabels.Missing(sweep.Spec.Requires, Labels) is { } missing ? $"lacks {missing} (it has {WorkerLabels.Describe(Labels)})"
            : null;
        _whyNot[sweep.Name] = why;
        return why;
    }
}
