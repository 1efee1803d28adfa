using System.Globalization;

namespace Sweeps.Store.Query;

/// <summary>Group names in the order a person expects: numbers by value (2 before 10), then texts, then "(none)".</summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? a, string? b)
    {
        var (ra, rb) = (Rank(a, out var na), Rank(b, out var nb));
        if (ra != rb) return ra.CompareTo(rb);
        var order = ra == 0 ? na.CompareTo(nb) : 0;
        return order != 0 ? order : string.CompareOrdinal(a, b);
    }

    private static int Rank(string? text, out double number)
    {
        number = 0;
        if (text is null or "(none)") return 2;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) ? 0 : 1;
    }
}
