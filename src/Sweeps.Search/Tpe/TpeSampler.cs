using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Core.Trials;

namespace Sweeps.Search.Tpe;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl 2011) as Optuna's univariate TPE runs it:
/// the first <see cref="TpeSettings.StartupTrials"/> trials are the random sampler's points; after that the finished
/// trials are split by their objective into the best γ(n) and the rest, a Parzen estimator is fitted to each, and each
/// parameter takes, of <see cref="TpeSettings.Candidates"/> draws from the good estimator l(x), the one maximising
/// l(x)/g(x). Log ranges are modelled in log space; integers as reals over [min − ½, max + ½], rounded. With
/// <see cref="TpeSettings.Multivariate"/>, one estimator models all parameters together instead (Optuna's multivariate TPE).
/// </summary>
/// <remarks>
/// A suggestion depends only on (seed, trial index, the finished trials given, in the order given), so the coordinator
/// can journal it, and a sweep whose suggestions are made from the same history gives the same trials.
/// Running trials may be passed as finished with a pessimistic value ("constant liar") so that parallel suggestions
/// spread out.
/// </remarks>
public sealed class TpeSampler
{
    // A different salt from the random sampler's and from trial seeds.
    private const ulong Salt = 0x9FB21C651E98DF25UL;

    private readonly IReadOnlyList<ParameterSpec> _space;
    private readonly ObjectiveGoal _goal;
    private readonly ulong _seed;
    private readonly RandomSampler _startup;

    public TpeSampler(IReadOnlyList<ParameterSpec> space, ObjectiveGoal goal, ulong seed, long trials, TpeSettings? settings = null)
    {
        _space = space;
        _goal = goal;
        _seed = seed;
        Settings = settings ?? TpeSettings.Optuna;
        _startup = new RandomSampler(space, seed, trials);
    }

    public TpeSettings Settings { get; }

    /// <param name="trialIndex">The point's index in the sweep (0-based).</param>
    /// <param name="finished">Finished trials, oldest first: their parameters and objective value (NaN: failed, ranked worst).</param>
    public TrialParameters Suggest(long trialIndex, IReadOnlyList<(TrialParameters Parameters, double Value)> finished)
    {
        if (finished.Count < Settings.StartupTrials) return _startup.PointAt(trialIndex);

        var ranked = Enumerable.Range(0, finished.Count).OrderBy(i => Loss(finished[i].Value)).ThenBy(i => i).ToArray();
        var goodCount = TpeSettings.Good(finished.Count);
        var good = ranked.Take(goodCount).Order().ToArray(); // oldest first, for the weights
        var bad = ranked.Skip(goodCount).Order().ToArray();
        var random = new SplitMixStream(TrialSeed.Derive(TrialSeed.SplitMix64(_seed ^ Salt), trialIndex));
        if (Settings.Multivariate) return SuggestJointly(finished, good, bad, ref random);

        var values = new KeyValuePair<string, ParameterValue>[_space.Count];
        for (var p = 0; p < _space.Count; p++)
        {
            var parameter = _space[p];
            values[p] = new(parameter.Name, parameter switch
            {
                ConstantParameter constant => constant.Value,
                ChoiceParameter choice => SuggestChoice(choice, finished, good, bad, ref random),
                RangeParameter range => SuggestRange(range, finished, good, bad, ref random),
                _ => throw new ArgumentException($"parameter '{parameter.Name}' is of an unknown kind"),
            });
        }
        return new TrialParameters(values);
    }

    private double Loss(double value) => double.IsNaN(value) ? double.PositiveInfinity : _goal == ObjectiveGoal.Minimize ? value : -value;

    private ParameterValue SuggestRange(RangeParameter range, IReadOnlyList<(TrialParameters Parameters, double Value)> finished, int[] good, int[] bad,
        ref SplitMixStream random)
    {
        var (low, high) = Bounds(range);
        var l = new NumericParzen(Observed(range, finished, good), TpeSettings.Weights(good.Length), low, high, Settings.PriorWeight);
        var g = new NumericParzen(Observed(range, finished, bad), TpeSettings.Weights(bad.Length), low, high, Settings.PriorWeight);
        var (best, bestScore) = (0.0, double.NegativeInfinity);
        for (var c = 0; c < Settings.Candidates; c++)
        {
            var x = l.Sample(ref random);
            var score = l.LogDensity(x) - g.LogDensity(x);
            if (score > bestScore) (best, bestScore) = (x, score);
        }
        return Decode(range, best);
    }

    /// <summary>A value in the estimator's space (log space for log ranges) as the range's value: clamped, integers rounded.</summary>
    private static ParameterValue Decode(RangeParameter range, double x)
    {
        var value = range.Scale == RangeScale.Log ? Math.Exp(x) : x;
        return range.IsInteger
            ? ParameterValue.Of((long)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), range.Min, range.Max))
            : ParameterValue.Of(Math.Clamp(value, range.Min, range.Max));
    }

    /// <summary>
    /// Multivariate TPE: one <see cref="JointParzen"/> over every range and choice for the good trials and one for the
    /// rest; of <see cref="TpeSettings.Candidates"/> joint draws from l, the one maximising l(x)/g(x). Constants, one-item
    /// lists and ranges with min = max pass through (Optuna leaves single-valued parameters out of the joint model).
    /// </summary>
    private TrialParameters SuggestJointly(IReadOnlyList<(TrialParameters Parameters, double Value)> finished, int[] good, int[] bad,
        ref SplitMixStream random)
    {
        var varying = _space.Where(p => !IsSingle(p)).ToArray();
        var axes = varying.Select(p => p is ChoiceParameter choice ? JointAxis.Choice(choice.Values.Count) : Axis((RangeParameter)p)).ToArray();
        var l = new JointParzen(axes, Encode(varying, finished, good), TpeSettings.Weights(good.Length), Settings.PriorWeight, Settings.Bandwidth);
        var g = new JointParzen(axes, Encode(varying, finished, bad), TpeSettings.Weights(bad.Length), Settings.PriorWeight, Settings.Bandwidth);
        var (best, bestScore) = (new double[axes.Length], double.NegativeInfinity);
        for (var c = 0; c < Settings.Candidates; c++)
        {
            var x = l.Sample(ref random);
            var score = l.LogDensity(x) - g.LogDensity(x);
            if (score > bestScore || c == 0) (best, bestScore) = (x, score);
        }

        var values = new KeyValuePair<string, ParameterValue>[_space.Count];
        for (int p = 0, d = 0; p < _space.Count; p++)
        {
            var parameter = _space[p];
            values[p] = new(parameter.Name, parameter switch
            {
                ConstantParameter constant => constant.Value,
                ChoiceParameter choice => choice.Values[IsSingle(choice) ? 0 : (int)best[d++]],
                RangeParameter range => IsSingle(range) ? Decode(range, Bounds(range).Low) : Decode(range, best[d++]),
                _ => throw new ArgumentException($"parameter '{parameter.Name}' is of an unknown kind"),
            });
        }
        return new TrialParameters(values);
    }

    private static bool IsSingle(ParameterSpec parameter) => parameter switch
    {
        ConstantParameter => true,
        ChoiceParameter choice => choice.Values.Count == 1,
        RangeParameter range => range.Min == range.Max,
        _ => false,
    };

    private static JointAxis Axis(RangeParameter range)
    {
        var (low, high) = Bounds(range);
        return JointAxis.Range(low, high);
    }

    /// <summary>The trials <paramref name="which"/> as points of the joint estimator: ranges in its space, choices as their index.</summary>
    private static double[][] Encode(ParameterSpec[] varying, IReadOnlyList<(TrialParameters Parameters, double Value)> finished, int[] which)
    {
        var points = which.Select(_ => new double[varying.Length]).ToArray();
        for (var d = 0; d < varying.Length; d++)
        {
            var column = varying[d] switch
            {
                ChoiceParameter choice => Chosen(choice, finished, which).Select(i => (double)i).ToArray(),
                RangeParameter range => Observed(range, finished, which),
                _ => throw new ArgumentException($"parameter '{varying[d].Name}' is of an unknown kind"),
            };
            for (var i = 0; i < which.Length; i++) points[i][d] = column[i];
        }
        return points;
    }

    private ParameterValue SuggestChoice(ChoiceParameter choice, IReadOnlyList<(TrialParameters Parameters, double Value)> finished, int[] good, int[] bad,
        ref SplitMixStream random)
    {
        var l = new CategoricalParzen(Chosen(choice, finished, good), TpeSettings.Weights(good.Length), choice.Values.Count, Settings.PriorWeight);
        var g = new CategoricalParzen(Chosen(choice, finished, bad), TpeSettings.Weights(bad.Length), choice.Values.Count, Settings.PriorWeight);
        var (best, bestScore) = (0, double.NegativeInfinity);
        for (var c = 0; c < Settings.Candidates; c++)
        {
            var x = l.Sample(ref random);
            var score = l.LogDensity(x) - g.LogDensity(x);
            if (score > bestScore) (best, bestScore) = (x, score);
        }
        return choice.Values[best];
    }

    /// <summary>The range in the space the estimator works in: log space for log ranges, widened by ½ each side for integers.</summary>
    private static (double Low, double High) Bounds(RangeParameter range)
    {
        var (min, max) = range.IsInteger ? (range.Min - 0.5, range.Max + 0.5) : (range.Min, range.Max);
        if (range.Scale == RangeScale.Log) min = range.IsInteger ? Math.Max(min, range.Min * 0.5) : min;
        return range.Scale == RangeScale.Log ? (Math.Log(min), Math.Log(max)) : (min, max);
    }

    private static double[] Observed(RangeParameter range, IReadOnlyList<(TrialParameters Parameters, double Value)> finished, int[] which) =>
        which.Select(i => finished[i].Parameters.GetReal(range.Name)).Select(v => range.Scale == RangeScale.Log ? Math.Log(v) : v).ToArray();

    private static int[] Chosen(ChoiceParameter choice, IReadOnlyList<(TrialParameters Parameters, double Value)> finished, int[] which) =>
        which.Select(i => finished[i].Parameters.TryGet(choice.Name, out var value) ? Math.Max(0, IndexOf(choice, value)) : 0).ToArray();

    private static int IndexOf(ChoiceParameter choice, ParameterValue value)
    {
        for (var i = 0; i < choice.Values.Count; i++)
            if (choice.Values[i].Equals(value)) return i;
        return -1;
    }
}
