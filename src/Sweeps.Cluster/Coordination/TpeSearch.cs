using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Search.Tpe;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// A <c>sampler: tpe</c> sweep as the coordinator runs it: the points suggested so far (trial i runs with the i-th), and
/// the finished trials they were learned from. Suggestions are decided here and journaled as <see cref="TrialsSuggested"/>;
/// only applying that event adds them, so recovery replays what was suggested instead of suggesting again.
/// </summary>
/// <remarks>
/// With <c>batch: K</c>, K trials are suggested at once, and only when every trial suggested before has finished, from
/// those trials in index order: the trials follow from the seed whatever the number of workers or the order results
/// arrive in. Without it, a trial is suggested when a worker asks, from the results in the order they finished, with the
/// running trials counted as the worst ("constant liar") so that parallel suggestions spread out.
/// </remarks>
internal sealed class TpeSearch
{
    private readonly TpeSampler _sampler;
    private readonly string _metric;
    private readonly int? _batch;
    private readonly List<TrialParameters> _suggested = [];
    private readonly List<ObservedTrial> _observed = [];
    private readonly HashSet<long> _finished = [];

    public TpeSearch(SweepSpec spec)
    {
        var objective = spec.Objective ?? throw new ArgumentException($"sweep '{spec.Name}': sampler tpe needs an objective", nameof(spec));
        _sampler = new TpeSampler(spec.Parameters, objective.Goal, spec.Seed, spec.Trials ?? 0, TpeSettings.Optuna with { Multivariate = spec.Tpe.Multivariate });
        _metric = objective.Metric;
        _batch = spec.Batch;
    }

    public static TpeSearch? For(SweepSpec spec) => spec.Sampler == SamplerKind.Tpe ? new TpeSearch(spec) : null;

    /// <summary>True with <c>batch: K</c>: suggestions come K at a time, each batch after the one before has finished.</summary>
    public bool Batched => _batch is not null;

    /// <summary>How many trials have a point: trials from here on cannot be handed out yet.</summary>
    public long Suggested => _suggested.Count;

    public TrialParameters this[long index] => _suggested[checked((int)index)];

    public IReadOnlyList<TrialParameters> SuggestedPoints => _suggested;

    public IReadOnlyList<ObservedTrial> Observed => _observed;

    public void Apply(TrialsSuggested suggested)
    {
        if (suggested.FirstIndex != _suggested.Count)
            throw new InvalidOperationException($"sweep '{suggested.Sweep}': suggestions from trial {suggested.FirstIndex} arrived when {_suggested.Count} were known");
        _suggested.AddRange(suggested.Parameters);
    }

    public void Observe(TrialOutcome outcome)
    {
        var value = outcome.Succeeded && outcome.Metrics.TryGetValue(_metric, out var v) ? v : double.NaN;
        if (_finished.Add(outcome.Index))
        {
            _observed.Add(new ObservedTrial(outcome.Index, value));
            return;
        }
        // run again (sweeps retry): its new result replaces the old one, in the old one's place
        var at = _observed.FindIndex(o => o.Index == outcome.Index);
        if (at >= 0) _observed[at] = new ObservedTrial(outcome.Index, value);
    }

    public void Restore(IReadOnlyList<TrialParameters>? suggested, IReadOnlyList<ObservedTrial>? observed)
    {
        _suggested.AddRange(suggested ?? []);
        foreach (var trial in observed ?? [])
            if (_finished.Add(trial.Index)) _observed.Add(trial);
    }

    /// <summary>
    /// The points to suggest so that <paramref name="wanted"/> trials from <paramref name="cursor"/> on can be handed
    /// out (fewer, or none, when a batch must finish first); they belong to trials <see cref="Suggested"/> onwards.
    /// </summary>
    public IReadOnlyList<TrialParameters> Decide(long cursor, long total, int wanted)
    {
        var ready = _suggested.Count - cursor;
        if (ready >= wanted || _suggested.Count >= total) return [];
        if (_batch is { } batch)
        {
            // the next batch waits for every trial of the batches before it
            if (ready > 0 || _finished.Count < _suggested.Count) return [];
            var history = _observed.OrderBy(o => o.Index).Select(Point).ToList();
            var count = (int)Math.Min(batch, total - _suggested.Count);
            return Enumerable.Range(0, count).Select(i => _sampler.Suggest(_suggested.Count + i, history)).ToList();
        }

        var observed = _observed.Select(Point).ToList();
        var liars = Enumerable.Range(0, _suggested.Count).Where(i => !_finished.Contains(i)).Select(i => (_suggested[i], double.NaN)).ToList();
        var points = new List<TrialParameters>();
        var more = (int)Math.Min(wanted - ready, total - _suggested.Count);
        for (var i = 0; i < more; i++)
        {
            // start-up trials are counted from results only; after them, running trials take part as the worst
            var from = observed.Count < _sampler.Settings.StartupTrials ? observed : [.. observed, .. liars];
            var point = _sampler.Suggest(_suggested.Count + i, from);
            points.Add(point);
            liars.Add((point, double.NaN));
        }
        return points;
    }

    private (TrialParameters, double) Point(ObservedTrial trial) => (_suggested[checked((int)trial.Index)], trial.Value);
}
