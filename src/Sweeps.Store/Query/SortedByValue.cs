using Sweeps.Core.Lifecycle;

namespace Sweeps.Store.Query;

/// <summary>
/// The first N trials by a parameter or metric (<c>--sort loss --limit 20</c>), read in that order through the key of
/// <c>trial_values</c> instead of by reading every trial's JSON: a range of the key and a few row lookups, however large
/// the sweep. The key holds finished trials' numbers only, so the answer is the first N of three sets: finished trials
/// with a number there (keys a chunk at a time, then their rows by primary key, until N match), trials not finished (a
/// few, through the status index), and finished trials without a number there (a scan, read only when the first two
/// give fewer than N and the filter does not already require a number).
/// </summary>
internal static class SortedByValue
{
    private static readonly string Unfinished = string.Join(", ", Enum.GetValues<TrialStatus>().Where(s => !s.IsFinal()).Select(s => $"'{s.Text()}'"));
    private static readonly string Finished = string.Join(", ", Enum.GetValues<TrialStatus>().Where(s => s.IsFinal()).Select(s => $"'{s.Text()}'"));

    public static bool Serves(TrialQuery query) =>
        query is { Limit: not null, Sort.Field.Source: FieldSource.Parameter or FieldSource.Metric };

    public static IEnumerable<TrialRow> Read(string sweep, TrialQuery query, StoreDialect dialect,
        Func<string, (string Name, object? Value)[], IEnumerable<TrialRow>> stream,
        Func<string, (string Name, object? Value)[], IEnumerable<(long Index, double Value)>> streamKeys)
    {
        var (sort, limit, condition) = (query.Sort!, query.Limit!.Value, query.Filter.Condition);
        if (limit <= 0) yield break;
        var sql = QuerySql.For(dialect);
        var sendable = condition.Comparisons <= TrialQuery.MaxSqlComparisons;
        var exact = sendable ? condition.Sql(sql) : null;
        if (exact is null && sendable) sql = QuerySql.For(dialect); // drop the values bound for the part that failed
        var where = exact ?? (sendable ? condition.Necessary(sql) : null);
        var and = where is null ? "" : $" AND {where}";
        var columns = query.WithSeries ? TrialReader.Columns : TrialReader.ColumnsWithoutSeries;
        var shared = sql.Parameters.Select(p => (p.Name, (object?)p.Value)).Append(("@sweep", sweep)).ToList();
        IEnumerable<TrialRow> Matching(IEnumerable<TrialRow> rows) => exact is null ? rows.Where(query.Filter.Matches) : rows;

        var found = new List<TrialRow>();
        var field = (sort.Field.Source == FieldSource.Parameter ? TrialValues.ParameterPrefix : TrialValues.MetricPrefix) + sort.Field.Key;
        var bounds = condition.Bounds(sort.Field).ToList();
        var range = string.Concat(bounds.Select((b, i) => $" AND value {b.Op} @bound{i}"));
        var direction = sort.Descending ? " DESC" : "";
        // SQLite: the listed indexes drive (CROSS JOIN fixes the order), else it may walk the status index past every trial.
        var fetch = dialect.IsSqlite
            ? $"SELECT {columns} FROM json_each(@ids) AS ids CROSS JOIN trials WHERE trials.sweep = @sweep AND trials.trial_index = ids.value{and}"
            : $"SELECT {columns} FROM trials WHERE sweep = @sweep AND trial_index = ANY(@ids){and}";
        // Keys, then their rows, a chunk at a time: two one-table statements no planner can turn into a scan of the sweep.
        (long Index, double Value)? last = null;
        double? boundary = null; // the value of the limit-th match: trials tied with it may still come before it
        for (var chunk = Math.Max(4 * limit, 64); ; chunk = Math.Min(4 * chunk, 10_000))
        {
            var keyed = new List<(string, object?)> { ("@sweep", sweep), ("@field", field), ("@chunk", chunk) };
            keyed.AddRange(bounds.Select((b, i) => ($"@bound{i}", (object?)b.Value)));
            if (last is { } after) keyed.AddRange([("@after_value", after.Value), ("@after_index", after.Index)]);
            var keys = streamKeys($"""
                SELECT trial_index, value FROM trial_values WHERE sweep = @sweep AND field = @field{range}
                {(last is null ? "" : $"AND (value, trial_index) {(sort.Descending ? "<" : ">")} (@after_value, @after_index)")}
                ORDER BY value{direction}, trial_index{direction} LIMIT @chunk
                """, keyed.ToArray()).ToList();
            if (keys.Count == 0) break;
            object ids = dialect.IsSqlite ? "[" + string.Join(",", keys.Select(k => k.Index)) + "]" : keys.Select(k => k.Index).ToArray();
            var rows = Matching(stream(fetch, [.. shared, ("@ids", ids)]))
                .ToDictionary(r => r.Index);
            var done = false;
            foreach (var key in keys)
            {
                if (boundary is { } b && key.Value != b) { done = true; break; }
                if (!rows.TryGetValue(key.Index, out var row)) continue;
                found.Add(row);
                if (found.Count == limit) boundary = key.Value;
            }
            if (done || keys.Count < chunk) break;
            last = keys[^1];
        }

        var unfinished = Matching(stream($"SELECT {columns} FROM trials WHERE sweep = @sweep AND status IN ({Unfinished}){and}", shared.ToArray()));
        found.AddRange(TrialQuery.TopK(unfinished, sort, limit));

        // A bound on the field itself means every match has a number there: no trial without one can be among them.
        if (bounds.Count == 0 && found.Count(r => TrialFields.Number(r, sort.Field) is not null) < limit)
        {
            var none = sql.Number(sort.Field) is { Length: > 0 } number ? $" AND ({number}) IS NULL" : "";
            var without = stream($"SELECT {columns} FROM trials WHERE sweep = @sweep AND status IN ({Finished}){and}{none}", shared.ToArray());
            found.AddRange(TrialQuery.TopK(Matching(without).Where(r => TrialFields.Number(r, sort.Field) is null), sort, limit));
        }
        foreach (var row in TrialQuery.TopK(found, sort, limit)) yield return row;
    }
}
