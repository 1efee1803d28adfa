namespace Sweeps.Store.Query;

/// <summary>
/// A parsed <c>--where</c> expression, tested on a trial in memory or written as SQL. Both follow one rule: a
/// comparison with a field the trial lacks (or holds as NaN, or holds as the other type) is false, never unknown.
/// </summary>
internal abstract class Condition
{
    public abstract bool Matches(TrialRow row);

    /// <summary>The same test in SQL (true or false for every row, never NULL), or null where SQL cannot say it exactly.</summary>
    public abstract string? Sql(QuerySql sql);

    /// <summary>A test in SQL that every matching trial passes (it may let through more); null when there is none.</summary>
    public virtual string? Necessary(QuerySql sql) => Sql(sql);

    /// <summary>How many comparisons the condition holds (a very long one is tested in memory, not sent as SQL).</summary>
    public abstract int Comparisons { get; }

    /// <summary>
    /// Comparisons (&lt;, &lt;=, &gt;, &gt;=, =) of the field's number with a value that every matching trial passes,
    /// so that it also has a number there; none where the condition does not say.
    /// </summary>
    public virtual IEnumerable<(string Op, double Value)> Bounds(TrialField field) => [];
}

internal sealed class AnyOf(Condition[] terms) : Condition
{
    public override int Comparisons { get; } = terms.Sum(t => t.Comparisons);

    public override bool Matches(TrialRow row)
    {
        foreach (var term in terms)
            if (term.Matches(row)) return true;
        return false;
    }

    public override string? Sql(QuerySql sql)
    {
        var parts = terms.Select(t => t.Sql(sql)).ToList();
        return parts.Any(p => p is null) ? null : "(" + string.Join(" OR ", parts) + ")";
    }
}

internal sealed class AllOf(Condition[] terms) : Condition
{
    public override int Comparisons { get; } = terms.Sum(t => t.Comparisons);

    public override bool Matches(TrialRow row)
    {
        foreach (var term in terms)
            if (!term.Matches(row)) return false;
        return true;
    }

    public override string? Sql(QuerySql sql)
    {
        var parts = terms.Select(t => t.Sql(sql)).ToList();
        return parts.Any(p => p is null) ? null : "(" + string.Join(" AND ", parts) + ")";
    }

    public override IEnumerable<(string Op, double Value)> Bounds(TrialField field) => terms.SelectMany(t => t.Bounds(field));

    // The terms SQL can say narrow the rows; the others are tested in memory afterwards.
    public override string? Necessary(QuerySql sql)
    {
        var parts = terms.Select(t => t.Necessary(sql)).OfType<string>().ToList();
        return parts.Count == 0 ? null : "(" + string.Join(" AND ", parts) + ")";
    }
}

internal sealed class NoneOf(Condition inner) : Condition
{
    public override int Comparisons => inner.Comparisons;

    public override bool Matches(TrialRow row) => !inner.Matches(row);

    public override string? Sql(QuerySql sql) => inner.Sql(sql) is { } s ? $"(NOT {s})" : null;
}

internal sealed class NumberComparison(TrialField field, string op, double value) : Condition
{
    public override int Comparisons => 1;

    public override bool Matches(TrialRow row) => TrialFields.Number(row, field) is double x && op switch
    {
        "<" => x < value,
        "<=" => x <= value,
        ">" => x > value,
        ">=" => x >= value,
        "=" or "==" => x == value,
        _ => x != value,
    };

    public override string? Sql(QuerySql sql) => sql.Number(field) switch
    {
        null => null,
        "" => sql.False,
        var number => QuerySql.Total(field, $"{number} {QuerySql.Operator(op)} {sql.Add(value)}", sql),
    };

    public override IEnumerable<(string Op, double Value)> Bounds(TrialField other) =>
        other.Source == field.Source && other.Key == field.Key && op is ("<" or "<=" or ">" or ">=" or "=" or "==") && !double.IsNaN(value) ? [(QuerySql.Operator(op), value)] : [];
}

internal sealed class TextComparison(TrialField field, bool equal, string value) : Condition
{
    public override int Comparisons => 1;

    public override bool Matches(TrialRow row) =>
        TrialFields.Text(row, field) is { } text && string.Equals(text, value, StringComparison.Ordinal) == equal;

    public override string? Sql(QuerySql sql) => sql.Text(field) switch
    {
        null => null,
        "" => sql.False,
        var text => QuerySql.Total(field, $"{text} {(equal ? "=" : "<>")} {sql.Add(value)}", sql),
    };
}

internal sealed class Always : Condition
{
    public override int Comparisons => 0;

    public override bool Matches(TrialRow row) => true;

    public override string? Sql(QuerySql sql) => "1 = 1";
}
