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

    /// <summary>A value in CSV and JSON: round-trip precision.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
