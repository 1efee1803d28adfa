namespace Sweeps.Geometry.Statistics;

/// <summary>
/// Mean and standard deviation of a stream, accumulated around a fixed centre close to the mean
/// (90 degrees for angles), which keeps sums of squares free of cancellation for 10^12 values.
/// </summary>
public struct CenteredMoments(double centre)
{
    private double _sum;
    private double _sumOfSquares;

    public long Count { get; private set; }

    public readonly double Centre => centre;

    public void Add(double value)
    {
        var d = value - centre;
        _sum += d;
        _sumOfSquares += d * d;
        Count++;
    }

    /// <summary>Adds a chunk's sums (accumulating per chunk first keeps rounding error small).</summary>
    public void AddSums(long count, double sum, double sumOfSquares)
    {
        Count += count;
        _sum += sum;
        _sumOfSquares += sumOfSquares;
    }

    public readonly double Mean => Count == 0 ? centre : centre + _sum / Count;

    /// <summary>The sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.</summary>
    public readonly double StandardDeviation
    {
        get
        {
            if (Count < 2) return 0;
            var meanOffset = _sum / Count;
            var variance = (_sumOfSquares - Count * meanOffset * meanOffset) / (Count - 1);
            return Math.Sqrt(Math.Max(variance, 0));
        }
    }

    /// <summary>The standard error of the mean, s / sqrt(n).</summary>
    public readonly double StandardError => Count < 2 ? 0 : StandardDeviation / Math.Sqrt(Count);
}
