using System.Globalization;
using System.Text;

namespace Sweeps.Report;

/// <summary>
/// Text into HTML. Sweep names, parameter names, metric names, choices and the spec text are whatever a user (or a
/// plugin) wrote: every one of them goes through <see cref="Escape"/> before it reaches the page.
/// </summary>
public static class Html
{
    /// <summary>The text with the five characters that can end an element or an attribute replaced by references.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                // control characters other than tab and newlines are not allowed in HTML text
                case < ' ' when c is not ('\t' or '\n' or '\r'): builder.Append('\uFFFD'); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>A number at round-trip precision, as <c>sweeps query --format csv</c> prints it.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number as a person reads it: a few significant digits, plain unless very small or large.</summary>
    public static string Show(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return value.ToString("0", CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        if (magnitude is < 1e-4 or >= 1e9) return value.ToString("0.###E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(magnitude)));
        return Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    /// <summary>A table cell holding a number: shown rounded, its exact value in data-value for tools and tests.</summary>
    public static string NumberCell(double value) => $"<td class=\"num\" data-value=\"{Exact(value)}\">{Escape(Show(value))}</td>";
}
