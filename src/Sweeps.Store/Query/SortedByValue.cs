using Sweeps.Core.Lifecycle;

namespace Sweeps.Store.Query;

/// <summary>
/// The first N trials by a parameter or metric (<c>--sort loss --limit 20</c>), read in that order through the key of
/// <c>trial_values</c> instead of by reading every trial's JSON: a range of the key and a few row lookups, however large
/// the sweep. The key holds finished trials' numbers only, so the answer is the first N of three sets, each read
/// to at most N: finished trials with a number there (through the key), trials not finished (a few, through the status
/// index), and finished trials without a number there (a scan, read only when the first two give fewer than N and the
/// filter does not already require a number).
/// </summary>
internal static class SortedByValue
{
    private static readonly string Unfinished = string.Join(", ", Enum.GetValues<TrialStatus>().Where(s => !s.IsFinal()).Select(s => $"'{s.Text()}'"));
    private static readonly string Finished = string.Join(", ", Enum.GetValues<TrialStatus>().Where(s => s.IsFinal()).Select(s => $"'{s.Text()}'"));

    public static bool Serves(TrialQuery query) =>
        query is { Limit: not null, Sort.Field.Source: FieldSource.Parameter or FieldSource.Metric };

    public static IEnumerable<TrialRow> Read(string sweep, TrialQuery query, StoreDialect dialect,
        Func<string, (string Name, object? Value)[], IEnumerable<TrialRow>> stream)
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

        var field = (sort.Field.Source == FieldSource.Parameter ? TrialValues.ParameterPrefix : TrialValues.MetricPrefix) + sort.Field.Key;
        var bounds = condition.Bounds(sort.Field).ToList();
        var keyed = new List<(string, object?)>(shared) { ("@field", field) };
        var range = string.Concat(bounds.Select((b, i) => $" AND value {b.Op} @bound{i}"));
        keyed.AddRange(bounds.Select((b, i) => ($"@bound{i}", (object?)b.Value)));
        if (exact is not null) keyed.Add(("@limit", limit));
        var direction = sort.Descending ? " DESC" : "";
        var byKey = stream($"""
            SELECT {columns}
            FROM (SELECT trial_index AS ranked_index, value AS ranked_value FROM trial_values
                  WHERE sweep = @sweep AND field = @field{range}) ranked
            JOIN trials ON trials.sweep = @sweep AND trials.trial_index = ranked.ranked_index
            {(where is null ? "" : $"WHERE {where}")}
            ORDER BY ranked.ranked_value{direction}, ranked.ranked_index
            {(exact is null ? "" : "LIMIT @limit")}
            """, keyed.ToArray());
        var found = Matching(byKey).Take(limit).ToList();

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
