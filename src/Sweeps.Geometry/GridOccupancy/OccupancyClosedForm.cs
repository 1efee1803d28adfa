using MathNet.Numerics;

namespace Sweeps.Geometry.GridOccupancy;

/// <summary>
/// Exact expectations for N points thrown uniformly into M = b^D cells, computed in log space
/// so that M = 10^10000 is no harder than M = 1000.
/// </summary>
public static class OccupancyClosedForm
{
    // Beyond this ln M, M overflows a double; beyond ln(1e6 N^2) the direct variance formula cancels catastrophically.
    private const double LargestLogCells = 700;

    public static double LogCells(int dimension, int bins) => dimension * Math.Log(bins);

    /// <summary>E[occupied cells] = M (1 - (1 - 1/M)^N).</summary>
    public static double ExpectedOccupied(long points, int dimension, int bins)
    {
        var logCells = LogCells(dimension, bins);
        if (bins == 1) return 1;
        if (logCells > LargestLogCells) return points - Math.Exp(Math.Log(points * (points - 1.0) / 2) - logCells);
        var cells = Math.Exp(logCells);
        return -cells * SpecialFunctions.Expm1(points * SpecialFunctions.Log1p(-1 / cells));
    }

    /// <summary>
    /// Standard deviation of the occupied count: Var = M q1 (1 - q1) + M (M - 1) q1^2 expm1(N log1p(-1/(M-1)^2)),
    /// q1 = (1 - 1/M)^N, using (1 - 2/M) / (1 - 1/M)^2 = 1 - 1/(M-1)^2; for M far above N^2, the Poisson limit N(N-1)/(2M).
    /// </summary>
    public static double OccupiedStandardDeviation(long points, int dimension, int bins)
    {
        if (bins == 1) return 0;
        var logCells = LogCells(dimension, bins);
        var n = (double)points;
        if (logCells > Math.Log(1e6 * n * n + 1)) return Math.Sqrt(Math.Exp(Math.Log(n * (n - 1) / 2 + 1e-300) - logCells));
        var cells = Math.Exp(logCells);
        var q1 = Math.Exp(n * SpecialFunctions.Log1p(-1 / cells));
        var variance = cells * q1 * (1 - q1)
            + cells * (cells - 1) * q1 * q1 * SpecialFunctions.Expm1(n * SpecialFunctions.Log1p(-1 / ((cells - 1) * (cells - 1))));
        return Math.Sqrt(Math.Max(variance, 0));
    }

    /// <summary>Expected share of points alone in their cell: (1 - 1/M)^(N - 1).</summary>
    public static double ExpectedAloneFraction(long points, int dimension, int bins)
    {
        if (bins == 1) return points == 1 ? 1 : 0;
        var logCells = LogCells(dimension, bins);
        var inverseCells = Math.Exp(-logCells);
        return Math.Exp((points - 1) * SpecialFunctions.Log1p(-inverseCells));
    }

    /// <summary>Expected share of empty cells: (1 - 1/M)^N.</summary>
    public static double ExpectedEmptyFraction(long points, int dimension, int bins)
    {
        if (bins == 1) return 0;
        return Math.Exp(points * SpecialFunctions.Log1p(-Math.Exp(-LogCells(dimension, bins))));
    }

    /// <summary>1 - occupied / M without forming M.</summary>
    public static double EmptyFraction(long occupied, int dimension, int bins) =>
        bins == 1 ? 0 : -SpecialFunctions.Expm1(Math.Log(occupied) - LogCells(dimension, bins));
}
