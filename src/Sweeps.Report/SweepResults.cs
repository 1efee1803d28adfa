using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Report;

/// <summary>
/// What the report shows of one sweep, read from the store once: its row and spec, its counts as <c>sweeps status</c>
/// gives them, its trials with their learning curves, and the metric the figures rank by.
/// </summary>
internal sealed record SweepResults(
    SweepRow Row,
    SweepSpec Spec,
    SweepSummary Summary,
    IReadOnlyList<TrialRow> Trials,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<ParameterAxis> Axes)
{
    /// <summary>The metric the figures are drawn for: the objective, else the first metric the trials report.</summary>
    public string? Metric => Spec.Objective?.Metric ?? Metrics.FirstOrDefault();

    /// <summary>True when lower is better, false when higher is, null when the sweep has no objective.</summary>
    public bool? LowerIsBetter => Spec.Objective is { } o ? o.Goal == ObjectiveGoal.Minimize : null;

    /// <summary>Completed trials with a finite value of the metric: the ones the figures plot.</summary>
    public IEnumerable<(TrialRow Trial, double Value)> Scored()
    {
        if (Metric is not { } metric) yield break;
        foreach (var trial in Trials)
            if (trial.Status == TrialStatus.Completed && trial.Metrics.TryGetValue(metric, out var value) && double.IsFinite(value))
                yield return (trial, value);
    }

    /// <summary>From the first trial's start to the last one's end; null before any trial has run.</summary>
    public TimeSpan? Elapsed
    {
        get
        {
            var starts = Trials.Where(t => t.StartedAt is not null).Select(t => t.StartedAt!.Value).ToList();
            var ends = Trials.Where(t => t.EndedAt is not null).Select(t => t.EndedAt!.Value).ToList();
            return starts.Count == 0 || ends.Count == 0 ? null : ends.Max() - starts.Min();
        }
    }

    /// <summary>Reads a sweep; an unknown name is refused with the names the store has.</summary>
    public static SweepResults Load(ResultStore store, string name)
    {
        var row = store.FindSweep(name)
            ?? throw new ReportException($"no sweep named '{name}' in {store.Location.Display}; it has: {string.Join(", ", store.Sweeps().Select(s => s.Name).DefaultIfEmpty("(none)"))}");
        // The stored canonical text was checked when it was submitted; a plugin's kind need not be loaded to read it.
        SweepSpec spec;
        try
        {
            spec = SpecLoader.ParseTrusted(row.Spec, $"sweep '{row.Name}'");
        }
        catch (InvalidDataException e)
        {
            throw new ReportException($"the store's spec of sweep '{row.Name}' cannot be read: {e.Message}");
        }
        var trials = store.ReadTrials(row.Name, new TrialQuery(TrialFilter.All, WithSeries: true)).ToList();
        var metrics = new List<string>();
        foreach (var metric in trials.SelectMany(t => t.Metrics.Keys))
            if (!metrics.Contains(metric)) metrics.Add(metric);
        return new SweepResults(row, spec, store.Summarize(row), trials, metrics, ParameterAxis.For(spec));
    }
}
