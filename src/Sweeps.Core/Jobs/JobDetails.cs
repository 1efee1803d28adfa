namespace Sweeps.Core.Jobs;

/// <summary>
/// Bounds <see cref="JobResult.Details"/> before they leave the worker: at most <see cref="MaxEntries"/> facts, names
/// of at most <see cref="MaxNameLength"/> characters, values cut to <see cref="MaxValueLength"/> (a job's facts should
/// be a few lines; a runaway one must not swamp the coordinator's messages or the store).
/// </summary>
public static class JobDetails
{
    public const int MaxEntries = 32;
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 4096;

    /// <returns>The bounded facts, or null when there are none (which costs nothing downstream).</returns>
    public static IReadOnlyDictionary<string, string>? Bounded(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null || details.Count == 0) return null;
        var bounded = new Dictionary<string, string>(Math.Min(details.Count, MaxEntries), StringComparer.Ordinal);
        foreach (var (name, value) in details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (bounded.Count == MaxEntries) break;
            if (string.IsNullOrEmpty(name)) continue;
            var key = name.Length > MaxNameLength ? name[..MaxNameLength] : name;
            var text = value ?? "";
            bounded.TryAdd(key, text.Length > MaxValueLength ? text[..(MaxValueLength - 3)] + "..." : text);
        }
        return bounded.Count == 0 ? null : bounded;
    }
}
