using System.Globalization;

namespace Sweeps.Core.Jobs;

/// <summary>The numbers a numeric job parameter takes, so a spec is checked before any trial runs.</summary>
/// <param name="Reason">Why the limit is there, when it is not obvious (shown in the hint).</param>
public sealed record NumberBounds(double Min, double Max, bool MinExclusive = false, bool MaxExclusive = false, string? Reason = null)
{
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

    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
