namespace Sweeps.Search.Functions;

/// <summary>Branin–Hoo on x1 ∈ [−5, 10], x2 ∈ [0, 15]: three global minima of 0.397887.</summary>
public sealed class Branin : TestFunction
{
    private const double A = 1, R = 6, S = 10;
    private static readonly double B = 5.1 / (4 * Math.PI * Math.PI), C = 5 / Math.PI, T = 1 / (8 * Math.PI);

    public override string Name => "branin";
    public override int MinDimensions => 2;
    public override int MaxDimensions => 2;
    public override (double Min, double Max) Domain(int axis) => axis == 0 ? (-5, 10) : (0, 15);
    public override double Minimum => 0.39788735772973816;
    public override double[] Minimiser(int dimensions) => [Math.PI, 2.275];

    public override double Evaluate(ReadOnlySpan<double> x)
    {
        var (x1, x2) = (x[0], x[1]);
        var inner = x2 - B * x1 * x1 + C * x1 - R;
        return A * inner * inner + S * (1 - T) * Math.Cos(x1) + S;
    }
}
