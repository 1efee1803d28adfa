using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweeps.Core.Spec;

/// <summary>A length of time as a spec writes it: a whole number and a unit, <c>500ms</c>, <c>30s</c>, <c>90m</c>, <c>2h</c>, <c>1d</c>.</summary>
public static partial class SpecDuration
{
    /// <summary>At most 30 days: a time-out is a timer, and timers reach about 49 days.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    public const string Hint = "a whole number and a unit (ms, s, m, h, d), e.g. timeout: 30s, 90m or 2h; at most 30d";

    private static readonly (string Unit, long Milliseconds)[] Units = [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Form().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return false;
        var unit = Units.First(u => u.Unit == match.Groups[2].Value).Milliseconds;
        if (count <= 0 || count > Max.TotalMilliseconds / unit) return false;
        duration = TimeSpan.FromMilliseconds(count * unit);
        return true;
    }

    /// <summary>The largest unit that says it exactly: 7200000 ms is <c>2h</c>, 1500 ms is <c>1500ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        foreach (var (unit, size) in Units)
            if (ms % size == 0) return (ms / size).ToString(CultureInfo.InvariantCulture) + unit;
        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    [GeneratedRegex("^([0-9]{1,12})(ms|s|m|h|d)$")]
    private static partial Regex Form();
}
