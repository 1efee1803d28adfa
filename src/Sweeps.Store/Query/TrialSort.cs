namespace Sweeps.Store.Query;

/// <summary>
/// An order of trials by one field, by its type: numbers by value, then texts by code point, then trials without
/// the field (or with NaN) last in either direction; ties by trial index, ascending.
/// </summary>
public sealed record TrialSort(TrialField Field, bool Descending) : IComparer<TrialRow>
{
    public int Compare(TrialRow? a, TrialRow? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return 1;
        if (b is null) return -1;
        var (ka, kb) = (Key(a), Key(b));
        var order = ka.Rank.CompareTo(kb.Rank);
        if (order == 0 && ka.Rank == 0) order = ka.Number.CompareTo(kb.Number) * (Descending ? -1 : 1);
        if (order == 0 && ka.Rank == 1) order = string.CompareOrdinal(ka.Text, kb.Text) * (Descending ? -1 : 1);
        return order != 0 ? order : a.Index.CompareTo(b.Index);
    }

    private (int Rank, double Number, string? Text) Key(TrialRow row) =>
        TrialFields.Number(row, Field) is double number ? (0, number, null)
        : TrialFields.Text(row, Field) is { } text ? (1, 0, text)
        : (2, 0, null);

    /// <summary>The same order in SQL, or null where SQL cannot say it.</summary>
    internal string? Sql(QuerySql sql)
    {
        var (number, text) = (sql.Number(Field), sql.Text(Field));
        if (number is null || text is null) return null;
        var direction = Descending ? " DESC" : "";
        var keys = new List<string>();
        if (!QuerySql.NeverMissing(Field))
        {
            var rank = "CASE";
            if (number != "") rank += $" WHEN ({number}) IS NOT NULL THEN 0";
            if (text != "") rank += $" WHEN ({text}) IS NOT NULL THEN 1";
            keys.Add(rank == "CASE" ? "2" : rank + " ELSE 2 END");
        }
        if (number != "") keys.Add($"({number}){direction}");
        if (text != "") keys.Add($"({text}){sql.TextOrder}{direction}");
        keys.Add("trial_index");
        return string.Join(", ", keys);
    }
}
