namespace Sweeps.Geometry.GridOccupancy;

/// <summary>How many cells the points landed in, and how many points had a cell to themselves, beside the exact expectations.</summary>
public sealed record GridOccupancyEstimate(int Dimension, int Bins, long Points, long OccupiedCells, long LoneCells)
{
    public double LogCells => OccupancyClosedForm.LogCells(Dimension, Bins);

    public double EmptyFraction => OccupancyClosedForm.EmptyFraction(OccupiedCells, Dimension, Bins);

    public double PointsAloneFraction => (double)LoneCells / Points;

    public double ExpectedOccupied => OccupancyClosedForm.ExpectedOccupied(Points, Dimension, Bins);

    public double OccupiedStandardDeviation => OccupancyClosedForm.OccupiedStandardDeviation(Points, Dimension, Bins);

    public double ExpectedEmptyFraction => OccupancyClosedForm.ExpectedEmptyFraction(Points, Dimension, Bins);

    public double ExpectedAloneFraction => OccupancyClosedForm.ExpectedAloneFraction(Points, Dimension, Bins);
}
