namespace Sweeps.Core.Spec;

/// <summary>"Did you mean ...?": the known word closest to a misspelt one, by edit distance, or the one word it begins or ends.</summary>
internal static class Suggestion
{
    /// <summary>A hint naming the closest known word (when one is close) and listing them all.</summary>
    public static string Hint(string given, IEnumerable<string> known, string listName)
    {
        var words = known.ToList();
        var list = words.Count == 0 ? $"there are no {listName}" : $"{listName}: {string.Join(", ", words)}";
        return Closest(given, words) is { } closest ? $"did you mean '{closest}'? {list}" : list;
    }

    public static string? Closest(string given, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var word in known)
        {
            var distance = EditDistance(given.ToLowerInvariant(), word.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = word;
                bestDistance = distance;
            }
        }
        // Close means a few typos, and fewer than half the letters: otherwise a "suggestion" is noise.
        return bestDistance <= Math.Min(3, Math.Max(1, given.Length / 2)) ? best : Completion(given, known);
    }

    /// <summary>The one known word that starts or ends with the given one (geometry.shell, shell-fraction), or null.</summary>
    private static string? Completion(string given, IEnumerable<string> known)
    {
        if (given.Length < 3) return null;
        var matches = known
            .Where(word => word.StartsWith(given, StringComparison.OrdinalIgnoreCase) || word.EndsWith(given, StringComparison.OrdinalIgnoreCase))
            .Take(2)
            .ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
