namespace Sweeps.Geometry.Statistics;

/// <summary>Welford's running mean and variance: one pass, no cancellation whatever the mean's size.</summary>
public struct RunningMoments
{
    private double _mean;
    private double _squares;

    public long Count { get; private set; }

    public void Add(double value)
    {
        Count++;
        var delta = value - _mean;
        _mean += delta / Count;
        _squares += delta * (value - _mean);
    }

    public readonly double Mean => _mean;

    /// <summary>The sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.</summary>
    public readonly double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(_squares / (Count - 1));

    /// <summary>The standard error of the mean, s / sqrt(n).</summary>
    public readonly double StandardError => Count < 2 ? 0 : StandardDeviation / Math.Sqrt(Count);
}
