using System.Text.RegularExpressions;

namespace Sweeps.Core.Jobs;

/// <summary>What a metric may be called: a name that reads the same in a spec, a query (<c>--where</c>) and a column.</summary>
public static partial class MetricName
{
    public const int MaxLength = 100;

    public const string Pattern = "^[A-Za-z_][A-Za-z0-9_.]*$";

    public const string Rule = "a metric's name is 1 to 100 letters, digits, '_' and '.', starting with a letter or '_', e.g. valid_loss";

    public static bool IsValid(string name) => name.Length <= MaxLength && Allowed().IsMatch(name);

    [GeneratedRegex(Pattern)]
    private static partial Regex Allowed();
}
