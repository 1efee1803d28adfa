using System.Globalization;

namespace Sweeps.Cli.Output;

internal static class Numbers
{
    /// <summary>A number as a person reads it in a table: up to 5 decimals, an exponent only for the very small or large.</summary>
    public static string Show(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return value.ToString("0", CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        return magnitude is >= 1e-3 and < 1e6
            ? value.ToString("0.#####", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>A number rounded to a few significant digits (0.004607722821498026 is 0.004608), plain unless very small or large.</summary>
    public static string Significant(double value, int digits = 4)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return value.ToString("0", CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        if (magnitude is < 1e-4 or >= 1e9) return value.ToString("0." + new string('#', digits - 1) + "E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, digits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
        return Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    /// <summary>A value in CSV and JSON: round-trip precision.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
