namespace Sweeps.Search.Scheduling;

/// <summary>
/// The resource levels at which successive halving judges trials: r, rη, rη², … up to the largest not above R
/// (Jamieson and Talwalkar 2016; Li et al. 2020). With r = 1, R = 81, η = 3: 1, 3, 9, 27, 81.
/// </summary>
public sealed record Rungs
{
    public Rungs(long minResource, long maxResource, int reductionFactor)
    {
        if (minResource < 1) throw new ArgumentOutOfRangeException(nameof(minResource), minResource, "the smallest resource is at least 1");
        if (maxResource < minResource) throw new ArgumentOutOfRangeException(nameof(maxResource), maxResource, "the largest resource is at least the smallest");
        if (reductionFactor < 2) throw new ArgumentOutOfRangeException(nameof(reductionFactor), reductionFactor, "the reduction factor is at least 2");
        (MinResource, MaxResource, ReductionFactor) = (minResource, maxResource, reductionFactor);
        var levels = new List<long>();
        for (var level = minResource; level <= maxResource; level = checked(level * reductionFactor)) levels.Add(level);
        Levels = levels;
    }

    public long MinResource { get; }

    public long MaxResource { get; }

    /// <summary>η: a rung keeps the best 1/η of the trials that reach it.</summary>
    public int ReductionFactor { get; }

    /// <summary>The resource of each rung, bottom first.</summary>
    public IReadOnlyList<long> Levels { get; }

    public int Count => Levels.Count;

    /// <summary>The rung whose resource is exactly <paramref name="resource"/>, or -1 when it is between rungs.</summary>
    public int RungAt(long resource)
    {
        for (var k = 0; k < Levels.Count; k++)
            if (Levels[k] == resource) return k;
        return -1;
    }
}
