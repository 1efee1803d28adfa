using Sweeps.Search.Functions;

namespace Sweeps.Search.Tests.Functions;

public sealed class TestFunctionTests
{
    public static TheoryData<string, int> Functions => new()
    {
        { "branin", 2 }, { "hartmann6", 6 }, { "rosenbrock", 2 }, { "rosenbrock", 7 }, { "ackley", 2 }, { "ackley", 10 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_known_minimiser_reaches_the_known_minimum(string name, int dimensions)
    {
        var function = TestFunction.Find(name)!;
        Assert.Equal(function.Minimum, function.Evaluate(function.Minimiser(dimensions)), 5);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void No_point_of_the_domain_goes_below_the_minimum(string name, int dimensions)
    {
        var function = TestFunction.Find(name)!;
        var random = new Random(7);
        var x = new double[dimensions];
        for (var n = 0; n < 20_000; n++)
        {
            for (var i = 0; i < dimensions; i++)
            {
                var (min, max) = function.Domain(i);
                x[i] = min + (max - min) * random.NextDouble();
            }
            Assert.True(function.Evaluate(x) >= function.Minimum - 1e-5, $"{name} at ({string.Join(", ", x)}) = {function.Evaluate(x)}");
        }
    }

    [Fact]
    public void Branin_has_three_minima_of_the_same_value()
    {
        var branin = new Branin();
        foreach (var x in new[] { new[] { -Math.PI, 12.275 }, [Math.PI, 2.275], [9.42478, 2.475] })
            Assert.Equal(0.397887, branin.Evaluate(x), 5);
    }

    [Theory]
    [InlineData("branin", new[] { 0.0, 0.0 }, 55.602112642270262)] // 36 + 10(1 - 1/(8π)) + 10
    [InlineData("rosenbrock", new[] { 0.0, 0.0 }, 1.0)]
    [InlineData("rosenbrock", new[] { -1.0, 1.0, 1.0 }, 4.0)] // 100·0 + 2² + 100·0 + 0
    [InlineData("ackley", new[] { 0.0, 0.0, 0.0 }, 0.0)]
    public void Values_worked_by_hand(string name, double[] x, double expected) =>
        Assert.Equal(expected, TestFunction.Find(name)!.Evaluate(x), 10);
}
