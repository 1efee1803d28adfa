using System.Globalization;

namespace Sweeps.Core.Spec;

/// <summary>
/// The most one spec text may hold, checked before it is parsed (by <see cref="SpecLimitScan"/>), so that text sent
/// by anyone cannot overflow a node's stack or hold it busy. Real specs stay far below: the examples are a few KiB
/// and 5 levels deep (<c>sweeps: - parameters: name: [values]</c>).
/// </summary>
public static class SpecLimits
{
    /// <summary>Size of the spec text, in UTF-8 bytes: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Lists and mappings inside one another.</summary>
    public const int MaxDepth = 64;

    /// <summary>Values in one list, or keys in one mapping.</summary>
    public const int MaxItems = 100_000;

    /// <summary>Size the text stands for once every alias (<c>*name</c>) is written out in full: 4 MiB.</summary>
    public const long MaxExpandedBytes = 4L * MaxBytes;

    /// <summary>Problems listed in one error; the rest are counted, so a reply stays small enough to send.</summary>
    public const int MaxProblemsShown = 100;

    /// <summary>A number as the messages print it: 1,048,576.</summary>
    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
