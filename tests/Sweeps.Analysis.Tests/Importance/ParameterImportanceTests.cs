using Sweeps.Analysis.Importance;

namespace Sweeps.Analysis.Tests.Importance;

public sealed class ParameterImportanceTests
{
    private static readonly (double, double)[] UnitCube = [(0, 1), (0, 1), (0, 1)];

    /// <summary>
    /// f = 3a + b² with a, b, c uniform on [0, 1]: Var(3a) = 9/12 = 0.75, Var(b²) = 1/5 − 1/9 = 4/45; no interaction and
    /// nothing from c. So a explains 0.75 / (0.75 + 4/45) = 0.894 of the variance and b 0.106.
    /// </summary>
    [Fact]
    public void Fractions_of_an_additive_function_come_out_near_the_exact_ones()
    {
        var (x, y) = Trials(600, seed: 1, p => 3 * p[0] + p[1] * p[1]);
        var result = ParameterImportance.Compute(["a", "b", "c"], x, y, UnitCube, trees: 16, seed: 3);
        var total = 0.75 + 4.0 / 45;
        Assert.InRange(result.Parameters["a"], 0.75 / total - 0.04, 0.75 / total + 0.04);
        Assert.InRange(result.Parameters["b"], 4.0 / 45 / total - 0.04, 4.0 / 45 / total + 0.04);
        Assert.InRange(result.Parameters["c"], 0, 0.02);
        Assert.All(result.Pairs.Values, share => Assert.InRange(share, 0, 0.04));
    }

    /// <summary>f = a·b (centred): a and b explain nothing alone, their pair everything.</summary>
    [Fact]
    public void A_pure_interaction_is_found_in_the_pair()
    {
        var (x, y) = Trials(800, seed: 2, p => (p[0] - 0.5) * (p[1] - 0.5));
        var result = ParameterImportance.Compute(["a", "b", "c"], x, y, UnitCube, trees: 16, seed: 5);
        Assert.True(result.Pairs[("a", "b")] > 0.6, $"pair share {result.Pairs[("a", "b")]}");
        Assert.InRange(result.Parameters["a"], 0, 0.15);
        Assert.InRange(result.Parameters["b"], 0, 0.15);
    }

    [Fact]
    public void The_same_inputs_and_seed_give_the_same_fractions()
    {
        var (x, y) = Trials(200, seed: 4, p => Math.Sin(6 * p[0]) + p[2]);
        var first = ParameterImportance.Compute(["a", "b", "c"], x, y, UnitCube, trees: 8, seed: 9);
        var second = ParameterImportance.Compute(["a", "b", "c"], x, y, UnitCube, trees: 8, seed: 9);
        Assert.Equal(first.Parameters, second.Parameters);
    }

    [Fact]
    public void A_constant_objective_explains_nothing()
    {
        var (x, y) = Trials(50, seed: 5, _ => 1.5);
        Assert.All(ParameterImportance.Compute(["a", "b", "c"], x, y, UnitCube, trees: 4).Parameters.Values, share => Assert.Equal(0, share));
    }

    private static (double[][] X, double[] Y) Trials(int n, int seed, Func<double[], double> f)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        return (x, x.Select(f).ToArray());
    }
}
