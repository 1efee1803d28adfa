using System.Text.RegularExpressions;

namespace Sweeps.Core.Spec;

/// <summary>What a sweep may be called: it names the sweep in the store, in commands and in file names.</summary>
public static partial class SweepName
{
    public const int MaxLength = 100;

    /// <summary>The letters a name may use (and <see cref="MaxLength"/> at most), as a regular expression.</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public static bool IsValid(string name) => name.Length <= MaxLength && Allowed().IsMatch(name);

    public const string Rule = "use 1 to 100 letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. shell-fraction";

    // A first letter or digit keeps names from reading as options (-rf, --help) or paths (.., .hidden).
    [GeneratedRegex(Pattern)]
    private static partial Regex Allowed();
}
