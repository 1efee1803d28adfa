namespace Sweeps.Store.Query;

/// <summary>
/// Which of a sweep's trials to read and in what order: a filter, a sort, a limit. The store says as much of it
/// in SQL as SQL can say exactly and does the rest in memory while streaming (<see cref="Apply"/> is the meaning).
/// </summary>
/// <param name="WithSeries">Whether to read the learning curves (large; most queries do not show them).</param>
public sealed record TrialQuery(TrialFilter Filter, TrialSort? Sort = null, int? Limit = null, bool WithSeries = true)
{
    /// <summary>Above this many comparisons a filter is tested in memory: SQL parsers limit how deep an expression nests.</summary>
    internal const int MaxSqlComparisons = 100;

    public static TrialQuery All { get; } = new(TrialFilter.All);

    /// <summary>The query's meaning over trials read in index order, all in memory (the reference the SQL must equal).</summary>
    public IEnumerable<TrialRow> Apply(IEnumerable<TrialRow> rows)
    {
        rows = rows.Where(Filter.Matches);
        if (Sort is not null) rows = Limit is { } k ? TopK(rows, Sort, k) : rows.Order(Sort);
        return Limit is { } n ? rows.Take(n) : rows;
    }

    /// <summary>The first k in the sort's order, holding only a few times k rows while streaming a million.</summary>
    internal static IEnumerable<TrialRow> TopK(IEnumerable<TrialRow> rows, IComparer<TrialRow> order, int k)
    {
        var kept = new List<TrialRow>();
        foreach (var row in rows)
        {
            kept.Add(row);
            if (kept.Count < 4 * Math.Max(k, 16)) continue;
            kept.Sort(order);
            kept.RemoveRange(k, kept.Count - k);
        }
        kept.Sort(order);
        return kept.Take(k);
    }
}
