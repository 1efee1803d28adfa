using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.BallInCube;

/// <summary>The share of the cube's points that fell inside the inscribed ball, beside the exact share.</summary>
public sealed record BallInCubeEstimate(int Dimension, Proportion Inside)
{
    public double Exact => InscribedBall.VolumeFraction(Dimension);

    public double InnerBallDiameter => InscribedBall.InnerBallDiameter(Dimension);
}
