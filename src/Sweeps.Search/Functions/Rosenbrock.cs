namespace Sweeps.Search.Functions;

/// <summary>Rosenbrock's valley, Σ 100(x_{i+1} − x_i²)² + (1 − x_i)² on [−5, 10]^d: minimum 0 at (1, …, 1).</summary>
public sealed class Rosenbrock : TestFunction
{
    public override string Name => "rosenbrock";
    public override int MinDimensions => 2;
    public override int MaxDimensions => FunctionJob.MaxCoordinates;
    public override (double Min, double Max) Domain(int axis) => (-5, 10);
    public override double Minimum => 0;
    public override double[] Minimiser(int dimensions) => Enumerable.Repeat(1.0, dimensions).ToArray();

    public override double Evaluate(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var valley = x[i + 1] - x[i] * x[i];
            var offset = 1 - x[i];
            sum += 100 * valley * valley + offset * offset;
        }
        return sum;
    }
}
