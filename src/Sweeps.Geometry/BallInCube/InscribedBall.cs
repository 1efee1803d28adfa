using MathNet.Numerics;

namespace Sweeps.Geometry.BallInCube;

/// <summary>Closed forms for the ball inscribed in the unit cube, and for the ball between 2^D packed unit balls.</summary>
public static class InscribedBall
{
    /// <summary>
    /// Volume of the ball of radius 1/2 over the volume of the unit cube: pi^(D/2) / Gamma(D/2 + 1) / 2^D,
    /// computed in log space so that D = 10,000 gives a tiny number, not 0/0 or infinity/infinity.
    /// </summary>
    public static double VolumeFraction(int dimension)
    {
        var d = (double)dimension;
        return Math.Exp(d / 2 * Math.Log(Math.PI) - SpecialFunctions.GammaLn(d / 2 + 1) - d * Math.Log(2));
    }

    /// <summary>
    /// Diameter of the ball centred in the side-2 cube that touches the 2^D balls of diameter 1 packed in it
    /// (centres at (+-1/2, ..., +-1/2), sqrt(D)/2 from the centre): sqrt(D) - 1, which exceeds the side 2 once D > 9.
    /// </summary>
    public static double InnerBallDiameter(int dimension) => Math.Sqrt(dimension) - 1;
}
