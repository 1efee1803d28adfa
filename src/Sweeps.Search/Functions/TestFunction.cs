namespace Sweeps.Search.Functions;

/// <summary>
/// A function with a known global minimum, for checking how well a search finds it (simple regret = best value found
/// minus <see cref="Minimum"/>). Each takes a point of <see cref="Dimensions"/> coordinates inside <see cref="Domain"/>.
/// </summary>
public abstract class TestFunction
{
    /// <summary>Its name in specs: <c>function: branin</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How many coordinates it takes: a fixed number, or any from 2 up (Rosenbrock, Ackley).</summary>
    public abstract int MinDimensions { get; }

    public abstract int MaxDimensions { get; }

    /// <summary>The box each coordinate lies in, for coordinate <paramref name="axis"/> (0-based).</summary>
    public abstract (double Min, double Max) Domain(int axis);

    /// <summary>The global minimum's value (the same in every dimension the function takes).</summary>
    public abstract double Minimum { get; }

    /// <summary>A point where the minimum is reached, in <paramref name="dimensions"/> coordinates.</summary>
    public abstract double[] Minimiser(int dimensions);

    public abstract double Evaluate(ReadOnlySpan<double> x);

    public static IReadOnlyList<TestFunction> All { get; } = [new Branin(), new Hartmann6(), new Rosenbrock(), new Ackley()];

    public static TestFunction? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
