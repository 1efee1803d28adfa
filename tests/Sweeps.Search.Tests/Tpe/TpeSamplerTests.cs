using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Search.Functions;
using Sweeps.Search.Tpe;

namespace Sweeps.Search.Tests.Tpe;

public sealed class TpeSamplerTests
{
    private static readonly IReadOnlyList<ParameterSpec> BraninSpace =
    [
        new ConstantParameter("function", 1, ParameterValue.Of("branin")),
        new RangeParameter("x1", 2, -5, 10, RangeScale.Linear, false, null),
        new RangeParameter("x2", 3, 0, 15, RangeScale.Linear, false, null),
    ];

    [Fact]
    public void The_first_ten_trials_are_the_random_samplers_points()
    {
        var tpe = new TpeSampler(BraninSpace, ObjectiveGoal.Minimize, seed: 5, trials: 100);
        var random = new RandomSampler(BraninSpace, 5, 100);
        var history = new List<(TrialParameters, double)>();
        for (var i = 0; i < 10; i++)
        {
            var suggested = tpe.Suggest(i, history);
            Assert.Equal(random.PointAt(i).ToString(), suggested.ToString());
            history.Add((suggested, Branin(suggested)));
        }
        Assert.NotEqual(random.PointAt(10).ToString(), tpe.Suggest(10, history).ToString());
    }

    [Fact]
    public void A_suggestion_depends_only_on_the_seed_the_index_and_the_history()
    {
        var history = Run(seed: 3, trials: 30);
        var again = Run(seed: 3, trials: 30);
        Assert.Equal(history.Select(h => h.Parameters.ToString()), again.Select(h => h.Parameters.ToString()));
        Assert.NotEqual(history.Select(h => h.Parameters.ToString()), Run(seed: 4, trials: 30).Select(h => h.Parameters.ToString()));
    }

    /// <summary>Deterministic (fixed seeds), so it cannot flake; it fails if the estimators or the ratio are wrong.</summary>
    [Fact]
    public void On_Branin_the_median_regret_after_60_trials_is_well_below_random_searchs()
    {
        var seeds = Enumerable.Range(0, 11).Select(s => (ulong)s).ToList();
        var tpe = Median(seeds.Select(s => Run(s, 60).Min(h => h.Value) - new Branin().Minimum));
        var random = Median(seeds.Select(s =>
        {
            var sampler = new RandomSampler(BraninSpace, s, 60);
            return Enumerable.Range(0, 60).Min(i => Branin(sampler.PointAt(i))) - new Branin().Minimum;
        }));
        Assert.True(tpe < 0.5 * random, $"median regret: TPE {tpe}, random {random}");
    }

    [Fact]
    public void Integers_log_ranges_and_choices_stay_inside_their_space_and_the_good_choice_wins()
    {
        IReadOnlyList<ParameterSpec> space =
        [
            new RangeParameter("layers", 1, 1, 4, RangeScale.Linear, true, null),
            new RangeParameter("lr", 2, 1e-5, 1e-1, RangeScale.Log, false, null),
            new RangeParameter("width", 3, 8, 512, RangeScale.Log, true, null),
            new ChoiceParameter("variant", 4, [ParameterValue.Of("a"), ParameterValue.Of("b"), ParameterValue.Of("c")]),
        ];
        var tpe = new TpeSampler(space, ObjectiveGoal.Maximize, seed: 9, trials: 80);
        var history = new List<(TrialParameters Parameters, double Value)>();
        for (var i = 0; i < 80; i++)
        {
            var p = tpe.Suggest(i, history);
            Assert.InRange(p.GetInteger("layers"), 1, 4);
            Assert.InRange(p.GetReal("lr"), 1e-5, 1e-1);
            Assert.InRange(p.GetInteger("width"), 8, 512);
            Assert.Contains(p.GetText("variant"), new[] { "a", "b", "c" });
            var score = (p.GetText("variant") == "b" ? 1 : 0) - Math.Abs(Math.Log10(p.GetReal("lr")) + 3) * 0.1;
            history.Add((p, score));
        }
        Assert.True(history.Skip(40).Count(h => h.Parameters.GetText("variant") == "b") >= 30,
            string.Join(" ", history.Skip(40).Select(h => h.Parameters.GetText("variant"))));
    }

    [Fact]
    public void Failed_trials_count_as_the_worst()
    {
        var tpe = new TpeSampler(BraninSpace, ObjectiveGoal.Minimize, seed: 1, trials: 20);
        var history = Enumerable.Range(0, 12).Select(i => (tpe.Suggest(i, []), i == 0 ? double.NaN : (double)i)).ToList();
        var suggestion = tpe.Suggest(12, history);
        Assert.InRange(suggestion.GetReal("x1"), -5, 10);
    }

    private static List<(TrialParameters Parameters, double Value)> Run(ulong seed, int trials)
    {
        var tpe = new TpeSampler(BraninSpace, ObjectiveGoal.Minimize, seed, trials);
        var history = new List<(TrialParameters Parameters, double Value)>();
        for (var i = 0; i < trials; i++)
        {
            var suggested = tpe.Suggest(i, history);
            history.Add((suggested, Branin(suggested)));
        }
        return history;
    }

    private static double Branin(TrialParameters p) => new Branin().Evaluate([p.GetReal("x1"), p.GetReal("x2")]);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
