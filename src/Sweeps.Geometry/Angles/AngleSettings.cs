using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.Angles;

/// <summary>How many pairs of random vectors in [-1, 1]^D to draw, and how finely to histogram their angles.</summary>
public sealed record AngleSettings
{
    /// <summary>A histogram travels in one result message: keep it to a few thousand values.</summary>
    public const long MaxBins = 3600;

    public AngleSettings(long dimension, long pairs, long bins = 180)
    {
        Dimension = ParameterCheck.Dimension(dimension);
        Pairs = ParameterCheck.Samples("pairs", pairs);
        Bins = (int)ParameterCheck.InRange("bins", bins, 1, MaxBins, "the histogram travels in one result message");
    }

    public int Dimension { get; }
    public long Pairs { get; }
    public int Bins { get; }
}
