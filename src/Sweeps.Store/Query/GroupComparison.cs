using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Store.Query;

/// <summary>
/// Compares groups of trials (one a value of a parameter, e.g. each LSTM variant) on one metric, each against a
/// baseline group with Welch's t-test, as "LSTM: A Search Space Odyssey" compares each variant with the vanilla LSTM.
/// </summary>
public static class GroupComparison
{
    /// <param name="lowerIsBetter">The metric's direction; null when none is known (then groups differ, but none is better).</param>
    public static IReadOnlyList<GroupSummary> Compare(IEnumerable<TrialRow> trials, string by, string metric, string? baseline, bool? lowerIsBetter)
    {
        var groups = new SortedDictionary<string, List<double>>(NaturalOrder.Instance);
        var missing = new Dictionary<string, int>();
        foreach (var trial in trials)
        {
            if (trial.Status != TrialStatus.Completed) continue;
            var key = TrialFields.Get(trial, by) switch { null => "(none)", double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), var x => x.ToString()! };
            if (!groups.TryGetValue(key, out var values)) groups[key] = values = [];
            if (trial.Metrics.TryGetValue(metric, out var value) && double.IsFinite(value)) values.Add(value);
            else missing[key] = missing.GetValueOrDefault(key) + 1;
        }
        var reference = baseline is not null && groups.TryGetValue(baseline, out var b) ? b : null;
        return groups.Select(g => Summarize(g.Key, g.Value, missing.GetValueOrDefault(g.Key), g.Key == baseline ? null : reference, lowerIsBetter)).ToList();
    }

    private static GroupSummary Summarize(string group, List<double> values, int missing, List<double>? reference, bool? lowerIsBetter)
    {
        var n = values.Count;
        var mean = n > 0 ? values.Mean() : double.NaN;
        var std = n > 1 ? values.StandardDeviation() : double.NaN;
        var median = n > 0 ? values.Median() : double.NaN;
        var best = n == 0 || lowerIsBetter is null ? double.NaN : lowerIsBetter.Value ? values.Min() : values.Max();
        double? p = reference is { Count: > 1 } && n > 1 ? WelchP(values, reference) : null;
        var verdict = p switch
        {
            null => "",
            < 0.05 when lowerIsBetter is null => "different",
            < 0.05 when (mean < reference!.Mean()) == lowerIsBetter => "better",
            < 0.05 => "worse",
            _ => "no significant difference",
        };
        return new GroupSummary(group, n, missing, mean, std, median, best, p, verdict);
    }

    /// <summary>Two-sided p-value of Welch's t-test (unequal variances).</summary>
    public static double WelchP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (va, vb) = (a.Variance() / a.Count, b.Variance() / b.Count);
        if (va + vb == 0) return a.Mean() == b.Mean() ? 1 : 0;
        var t = (a.Mean() - b.Mean()) / Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
    }
}

/// <param name="Missing">Completed trials without a finite value of the metric (e.g. diverged runs).</param>
/// <param name="P">Welch's two-sided p-value against the baseline; null for the baseline itself or too few trials.</param>
public sealed record GroupSummary(string Group, int Count, int Missing, double Mean, double StandardDeviation, double Median, double Best, double? P, string Verdict);
