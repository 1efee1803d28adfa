using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Core.Trials;

namespace Sweeps.Search.Functions;

/// <summary>
/// <c>bench.function</c>: evaluates a test function with a known minimum at the point x1, x2, …, optionally with
/// Gaussian noise of standard deviation <c>noise</c> drawn from the trial's seed. For checking samplers and schedulers.
/// </summary>
public sealed class FunctionJob : IJob
{
    public const int MaxCoordinates = 10;

    private static readonly string[] Coordinates = Enumerable.Range(1, MaxCoordinates).Select(i => $"x{i}").ToArray();

    public static JobDefinition Definition { get; } = new(
        "bench.function",
        "A test function with a known global minimum (branin, hartmann6, rosenbrock, ackley) at x1, x2, ...; for checking search.",
        [
            JobParameter.Text("function", "which test function").OneOf(TestFunction.All.Select(f => f.Name)),
            .. Coordinates.Select(x => new JobParameter(x, ParameterKind.Real, $"coordinate {x[1..]} of the point (as many as the function takes)")),
            JobParameter.Real("noise", "standard deviation of Gaussian noise added to the value (0: none)", 0).AtLeast(0),
        ],
        ["value", "noiseless", "regret"],
        () => new FunctionJob())
    {
        CheckPoint = parameters => PointOf(parameters),
    };

    public JobResult Run(JobContext context)
    {
        var (function, x) = PointOf(context.Parameters);
        var noiseless = function.Evaluate(x);
        var noise = context.Parameters.GetReal("noise", 0);
        var value = noise > 0 ? noiseless + noise * StandardNormal(context.Seed) : noiseless;
        return JobResult.Of(("value", value), ("noiseless", noiseless), ("regret", noiseless - function.Minimum));
    }

    /// <summary>The function and the point, checked: as many coordinates as it takes, from x1 on, each inside its domain.</summary>
    internal static (TestFunction Function, double[] X) PointOf(TrialParameters parameters)
    {
        var name = parameters.GetText("function");
        var function = TestFunction.Find(name)
            ?? throw new JobParameterException("function", $"unknown test function '{name}'; known: {string.Join(", ", TestFunction.All.Select(f => f.Name))}");
        var given = Coordinates.TakeWhile(parameters.Contains).Count();
        if (Coordinates.Skip(given).FirstOrDefault(parameters.Contains) is { } gap)
            throw new JobParameterException(gap, $"x{given + 1} is missing: coordinates are x1, x2, ... with no gap");
        if (given < function.MinDimensions || given > function.MaxDimensions)
        {
            var takes = function.MinDimensions == function.MaxDimensions
                ? $"exactly {function.MinDimensions}"
                : $"{function.MinDimensions} to {function.MaxDimensions}";
            throw new JobParameterException(given < function.MinDimensions ? Coordinates[given] : Coordinates[given - 1],
                $"{name} takes {takes} coordinates (x1, x2, ...), got {given}");
        }
        var x = new double[given];
        for (var i = 0; i < given; i++)
        {
            x[i] = parameters.GetReal(Coordinates[i]);
            var (min, max) = function.Domain(i);
            if (!(x[i] >= min && x[i] <= max))
                throw new JobParameterException(Coordinates[i], $"{name} is defined for {Coordinates[i]} from {min} to {max}, got {x[i]}");
        }
        return (function, x);
    }

    /// <summary>One standard normal draw from the seed alone (Box–Muller over SplitMix64), the same on every machine.</summary>
    private static double StandardNormal(ulong seed)
    {
        var a = TrialSeed.SplitMix64(seed ^ 0x6A09E667F3BCC909UL);
        var b = TrialSeed.SplitMix64(a);
        var u1 = ((a >> 11) + 1) * (1.0 / ((1UL << 53) + 1)); // in (0, 1): the logarithm stays finite
        var u2 = (b >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
