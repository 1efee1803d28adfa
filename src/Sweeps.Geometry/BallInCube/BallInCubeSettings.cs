using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.BallInCube;

/// <summary>How many points to draw in the cube [-1/2, 1/2]^D.</summary>
public sealed record BallInCubeSettings
{
    public BallInCubeSettings(long dimension, long samples)
    {
        Dimension = ParameterCheck.Dimension(dimension);
        Samples = ParameterCheck.Samples("samples", samples);
    }

    public int Dimension { get; }
    public long Samples { get; }
}
