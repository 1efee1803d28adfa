using MathNet.Numerics;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.ShellFraction;

/// <summary>The share of the ball's points in its outer shell, beside the exact share.</summary>
public sealed record ShellFractionEstimate(int Dimension, double Epsilon, Proportion InShell)
{
    /// <summary>1 - (1 - eps)^D, as -expm1(D log1p(-eps)) so that tiny eps keeps its digits.</summary>
    public double Exact => ExactFor(Dimension, Epsilon);

    public static double ExactFor(int dimension, double epsilon) => -SpecialFunctions.Expm1(dimension * SpecialFunctions.Log1p(-epsilon));
}
