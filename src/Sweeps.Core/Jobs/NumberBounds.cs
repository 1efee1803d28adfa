using System.Globalization;

namespace Sweeps.Core.Jobs;

/// <summary>The numbers a numeric job parameter takes, so a spec is checked before any trial runs.</summary>
/// <param name="Min">The least number taken (or, with <paramref name="MinExclusive"/>, the bound above which numbers are taken).</param>
/// <param name="Max">The greatest number taken (or, with <paramref name="MaxExclusive"/>, the bound below which numbers are taken).</param>
/// <param name="MinExclusive">True when <paramref name="Min"/> itself is not taken.</param>
/// <param name="MaxExclusive">True when <paramref name="Max"/> itself is not taken.</param>
/// <param name="Reason">Why the limit is there, when it is not obvious (shown in the hint).</param>
public sealed record NumberBounds(double Min, double Max, bool MinExclusive = false, bool MaxExclusive = false, string? Reason = null)
{
    /// <summary>True when the bounds take <paramref name="value"/>.</summary>
    public bool Admits(double value) =>
        (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    /// <summary>In words: "from 1 to 1000000", "0 or more", "strictly between 0 and 1", "above 0 and at most 100".</summary>
    public string Describe()
    {
        var unbounded = Max >= double.MaxValue;
        return (MinExclusive, MaxExclusive) switch
        {
            (false, false) when unbounded => $"{Show(Min)} or more",
            (true, false) when unbounded => $"above {Show(Min)}",
            (false, false) => $"from {Show(Min)} to {Show(Max)}",
            (true, true) => $"strictly between {Show(Min)} and {Show(Max)}",
            (true, false) => $"above {Show(Min)} and at most {Show(Max)}",
            (false, true) => $"from {Show(Min)} to below {Show(Max)}",
        };
    }

    /// <summary>A number as specs write it (round-trip, invariant culture).</summary>
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
