using System.Globalization;
using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Search.Functions;

namespace Sweeps.Search.Tests.Functions;

public sealed class FunctionJobTests
{
    [Fact]
    public void At_a_minimiser_the_regret_is_zero_and_without_noise_the_value_is_the_function()
    {
        var result = Run(Point("hartmann6", new Hartmann6().Minimiser(6)), seed: 1);
        Assert.Equal(-3.32237, result.Metrics["value"], 5);
        Assert.Equal(result.Metrics["value"], result.Metrics["noiseless"]);
        Assert.Equal(0, result.Metrics["regret"], 5);
    }

    [Fact]
    public void Noise_comes_from_the_seed_alone_and_has_the_standard_deviation_asked_for()
    {
        var point = Point("rosenbrock", [1, 1], noise: 2);
        Assert.Equal(Run(point, seed: 42).Metrics["value"], Run(point, seed: 42).Metrics["value"]);
        Assert.NotEqual(Run(point, seed: 42).Metrics["value"], Run(point, seed: 43).Metrics["value"]);

        var draws = Enumerable.Range(0, 4000).Select(s => Run(point, (ulong)s).Metrics["value"]).ToArray();
        var mean = draws.Average();
        var sd = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1));
        Assert.InRange(mean, -0.15, 0.15); // 3.5 standard errors (2/√4000 = 0.032)
        Assert.InRange(sd, 1.9, 2.1);
        Assert.All(draws, _ => Assert.Equal(0, Run(point, 1).Metrics["regret"]));
    }

    [Theory]
    [InlineData("branin", "x1=1", "x2", "branin takes exactly 2 coordinates (x1, x2, ...), got 1")]
    [InlineData("branin", "x1=1 x2=1 x3=1", "x3", "branin takes exactly 2 coordinates (x1, x2, ...), got 3")]
    [InlineData("rosenbrock", "x1=1 x3=1", "x3", "x2 is missing: coordinates are x1, x2, ... with no gap")]
    [InlineData("ackley", "", "x1", "ackley takes 2 to 10 coordinates (x1, x2, ...), got 0")]
    [InlineData("hartmann6", "x1=0 x2=0 x3=0 x4=0 x5=0 x6=1.5", "x6", "hartmann6 is defined for x6 from 0 to 1, got 1.5")]
    [InlineData("branin", "x1=-6 x2=1", "x1", "branin is defined for x1 from -5 to 10, got -6")]
    [InlineData("sphere", "x1=1 x2=1", "function", "unknown test function 'sphere'; known: branin, hartmann6, rosenbrock, ackley")]
    public void A_point_the_function_does_not_take_is_refused_naming_the_parameter(string function, string coordinates, string parameter, string message)
    {
        var items = new List<KeyValuePair<string, ParameterValue>> { new("function", ParameterValue.Of(function)) };
        foreach (var pair in coordinates.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair.Split('=')[0], double.Parse(pair.Split('=')[1], CultureInfo.InvariantCulture));
            items.Add(new(name, ParameterValue.Of(value)));
        }
        var error = Assert.Throws<JobParameterException>(() => FunctionJob.Definition.CheckPoint!(new TrialParameters(items)));
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(message, error.Message);
    }

    private static JobResult Run(TrialParameters point, ulong seed) =>
        FunctionJob.Definition.Create().Run(new JobContext(point, seed, CancellationToken.None));

    private static TrialParameters Point(string function, double[] x, double noise = 0) =>
        new([
            new("function", ParameterValue.Of(function)),
            .. x.Select((v, i) => new KeyValuePair<string, ParameterValue>($"x{i + 1}", ParameterValue.Of(v))),
            new("noise", ParameterValue.Of(noise)),
        ]);
}
