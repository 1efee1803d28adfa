using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.Angles;

/// <summary>What the angles between random pairs looked like: moments, the share near 90 degrees, and a histogram of counts.</summary>
/// <param name="Histogram">Counts per bin, bins of equal width over [0, 180] degrees.</param>
public sealed record AngleEstimate(
    int Dimension,
    long Pairs,
    double MeanDegrees,
    double StdDegrees,
    double MeanStandardError,
    Proportion Within5DegreesOf90,
    double[] Histogram)
{
    /// <summary>The large-D limit of the spread: the cosine is about N(0, 1/D), so the angle's sd is (180/pi)/sqrt(D) degrees.</summary>
    public double AsymptoticStdDegrees => 180 / Math.PI / Math.Sqrt(Dimension);
}
