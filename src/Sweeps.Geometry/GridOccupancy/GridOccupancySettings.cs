using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary>How many points to drop into [0, 1]^D, cut into <see cref="Bins"/> intervals per axis (b^D cells).</summary>
public sealed record GridOccupancySettings
{
    /// <summary>The table of occupied cells holds one entry per point (about 34 bytes each).</summary>
    public const long MaxPoints = 5_000_000;

    public const long MaxBins = 1_000_000;

    public GridOccupancySettings(long dimension, long points, long bins = 10)
    {
        Dimension = ParameterCheck.Dimension(dimension);
        Points = ParameterCheck.InRange("points", points, 1, MaxPoints, "the table of occupied cells holds one entry per point");
        Bins = (int)ParameterCheck.InRange("bins", bins, 1, MaxBins);
    }

    public int Dimension { get; }
    public long Points { get; }
    public int Bins { get; }
}
