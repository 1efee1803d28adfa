using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Search.Tpe;

namespace Sweeps.Search.Functions;

/// <summary>
/// How close a sampler gets to a test function's minimum: the simple regret (best value found minus the minimum) after
/// n trials, its median over seeds, the same seeds for every sampler. Trials run one after another, each suggestion
/// seeing every earlier result: the search alone, without the orchestrator.
/// </summary>
public static class RegretStudy
{
    public sealed record Figures(string Function, string Sampler, int Trials, int Seeds, double MedianRegret, double[] Regrets);

    public static Figures Random(TestFunction function, int trials, int seeds)
    {
        var space = Space(function);
        var regrets = Enumerable.Range(0, seeds).Select(seed =>
        {
            var sampler = new RandomSampler(space, (ulong)seed, trials);
            return Enumerable.Range(0, trials).Min(i => Evaluate(function, sampler.PointAt(i))) - function.Minimum;
        }).ToArray();
        return new Figures(function.Name, "random", trials, seeds, Median(regrets), regrets);
    }

    /// <param name="settings">Optuna's univariate defaults when null; <see cref="TpeSettings.OptunaMultivariate"/> for multivariate TPE.</param>
    public static Figures Tpe(TestFunction function, int trials, int seeds, TpeSettings? settings = null)
    {
        var space = Space(function);
        settings ??= TpeSettings.Optuna;
        var regrets = Enumerable.Range(0, seeds).Select(seed =>
        {
            var sampler = new TpeSampler(space, ObjectiveGoal.Minimize, (ulong)seed, trials, settings);
            var history = new List<(TrialParameters Parameters, double Value)>(trials);
            for (var i = 0; i < trials; i++)
            {
                var point = sampler.Suggest(i, history);
                history.Add((point, Evaluate(function, point)));
            }
            return history.Min(h => h.Value) - function.Minimum;
        }).ToArray();
        return new Figures(function.Name, !settings.Multivariate ? "tpe" : settings.Bandwidth == JointBandwidth.Neighbours ? "tpe multivariate" : "tpe multivariate, Scott bandwidths", trials, seeds, Median(regrets), regrets);
    }

    /// <summary>x1 … xd over the function's domain, in its smallest dimension.</summary>
    public static IReadOnlyList<ParameterSpec> Space(TestFunction function) =>
        Enumerable.Range(0, function.MinDimensions)
            .Select(i => (ParameterSpec)new RangeParameter($"x{i + 1}", 0, function.Domain(i).Min, function.Domain(i).Max, RangeScale.Linear, false, null))
            .ToList();

    private static double Evaluate(TestFunction function, TrialParameters point) =>
        function.Evaluate(point.Select(p => p.Value.Number).ToArray());

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
