using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.ShellFraction;

/// <summary>How many points to draw in the unit D-ball, and how thick the outer shell (the skin) is.</summary>
public sealed record ShellFractionSettings
{
    public ShellFractionSettings(long dimension, double epsilon, long samples)
    {
        Dimension = ParameterCheck.Dimension(dimension);
        Epsilon = ParameterCheck.OpenUnitInterval("epsilon", epsilon);
        Samples = ParameterCheck.Samples("samples", samples);
    }

    public int Dimension { get; }
    public double Epsilon { get; }
    public long Samples { get; }
}
