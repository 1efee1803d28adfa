namespace Sweeps.Search.Functions;

/// <summary>Ackley's function (a = 20, b = 0.2, c = 2π) on [−32.768, 32.768]^d: minimum 0 at the origin, many local minima.</summary>
public sealed class Ackley : TestFunction
{
    private const double A = 20, B = 0.2, C = 2 * Math.PI;

    public override string Name => "ackley";
    public override int MinDimensions => 2;
    public override int MaxDimensions => FunctionJob.MaxCoordinates;
    public override (double Min, double Max) Domain(int axis) => (-32.768, 32.768);
    public override double Minimum => 0;
    public override double[] Minimiser(int dimensions) => new double[dimensions];

    public override double Evaluate(ReadOnlySpan<double> x)
    {
        var (squares, cosines) = (0.0, 0.0);
        foreach (var xi in x)
        {
            squares += xi * xi;
            cosines += Math.Cos(C * xi);
        }
        var d = x.Length;
        return -A * Math.Exp(-B * Math.Sqrt(squares / d)) - Math.Exp(cosines / d) + A + Math.E;
    }
}
