using Sweeps.Analysis.Importance;

namespace Sweeps.Analysis.Tests.Importance;

public sealed class MarginalCurveTests
{
    private static readonly (double, double)[] UnitCube = [(0, 1), (0, 1), (0, 1)];

    /// <summary>f = 3a + b²: a's marginal is 3a + E[b²] = 3a + 1/3, b's is 3/2 + b², c's the constant 3/2 + 1/3.</summary>
    [Fact]
    public void The_marginals_of_an_additive_function_follow_its_terms()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 800).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        var y = x.Select(p => 3 * p[0] + p[1] * p[1]).ToArray();
        var result = ParameterImportance.Compute(["a", "b", "c"], x, y, UnitCube, trees: 16, seed: 1, marginalPoints: 11);

        var a = result.Marginals["a"];
        Assert.Equal(11, a.At.Length);
        for (var i = 1; i < a.At.Length - 1; i++) Assert.InRange(a.Mean[i], 3 * a.At[i] + 1.0 / 3 - 0.25, 3 * a.At[i] + 1.0 / 3 + 0.25);
        var b = result.Marginals["b"];
        for (var i = 1; i < b.At.Length - 1; i++) Assert.InRange(b.Mean[i], 1.5 + b.At[i] * b.At[i] - 0.2, 1.5 + b.At[i] * b.At[i] + 0.2);
        var c = result.Marginals["c"];
        Assert.InRange(c.Mean.Max() - c.Mean.Min(), 0, 0.15);
    }
}
