using System.Text.RegularExpressions;

namespace Sweeps.Core.Spec;

/// <summary>
/// The rule for worker labels (<c>--label gpu=a100</c>) and a spec's <c>requires:</c>, which names labels a worker must
/// carry to run the sweep's trials. Names are words; values are short plain text compared exactly.
/// </summary>
public static partial class WorkerLabels
{
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 200;

    /// <summary>At most this many labels on a worker, or required by a sweep.</summary>
    public const int MaxCount = 64;

    public const string NameRule = "a label name is a letter or _ followed by letters, digits, '.', '_' or '-', at most 64 characters";

    public const string ValueRule = "a label value is 1 to 200 printable characters";

    public static bool IsValidName(string name) => name.Length <= MaxNameLength && NamePattern().IsMatch(name);

    public static bool IsValidValue(string value) =>
        value.Length is >= 1 and <= MaxValueLength && !value.Any(char.IsControl);

    /// <summary>
    /// Null when <paramref name="labels"/> carry every label <paramref name="requires"/> names with that value; otherwise the
    /// requirements they miss, as <c>gpu=a100, zone=b</c>.
    /// </summary>
    public static string? Missing(IReadOnlyDictionary<string, string> requires, IReadOnlyDictionary<string, string> labels)
    {
        List<string>? missing = null;
        foreach (var (name, value) in requires)
        {
            if (labels.TryGetValue(name, out var has) && has == value) continue;
            (missing ??= []).Add($"{name}={value}");
        }
        return missing is null ? null : string.Join(", ", missing);
    }

    /// <summary>Labels as <c>gpu=a100, zone=b</c>, in name order; "none" when there are none.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "no labels" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
