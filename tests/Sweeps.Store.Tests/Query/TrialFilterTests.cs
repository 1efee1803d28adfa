using Sweeps.Store;
using Sweeps.Store.Query;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests.Query;

public sealed class TrialFilterTests
{
    private static readonly string[] Known = [.. TrialFields.Columns, "dimension", "epsilon", "optimizer", "value", "flag"];

    // Some.Trial(sweep, i): dimension = i + 2, epsilon 0.01, optimizer adam, value as given
    [Theory]
    [InlineData("dimension>=5", new long[] { 3, 4 })]
    [InlineData("dimension >= 5 and value < 0.5", new long[] { 3 })]
    [InlineData("dimension=2 or dimension==6", new long[] { 0, 4 })]
    [InlineData("not (dimension < 4)", new long[] { 2, 3, 4 })]
    [InlineData("optimizer = 'adam' and trial != 1", new long[] { 0, 2, 3, 4 })]
    [InlineData("status = failed", new long[] { })]
    [InlineData("value > -1e3 AND epsilon <= 1.0e-2", new long[] { 0, 1, 2, 3, 4 })]
    [InlineData("error = 'boom'", new long[] { })]
    [InlineData("flag = true", new long[] { 1, 3 })]
    [InlineData("flag = false and dimension > 2", new long[] { 2, 4 })]
    public void Keeps_the_trials_that_match(string expression, long[] expected)
    {
        var rows = Enumerable.Range(0, 5).Select(i => Some.Trial("s", i, value: i == 3 ? 0.1 : 0.9))
            .Select(r => r with { Parameters = new([.. r.Parameters, new("flag", Core.Parameters.ParameterValue.Of(r.Index % 2 == 1))]) })
            .ToList();
        var filter = TrialFilter.Parse(expression, Known);
        Assert.Equal(expected, rows.Where(filter.Matches).Select(r => r.Index));
    }

    [Theory]
    [InlineData("dimension>=100 and fraction<0.5", 19, "unknown field 'fraction'; this sweep has: trial, point")]
    [InlineData("dimension >= ", 13, "expected a number or a text after '>='")]
    [InlineData("dimension 5", 10, "expected one of < <= > >= = != after 'dimension'")]
    [InlineData("dimension > 5 value < 1", 14, "expected 'and', 'or' or the end, found 'value'")]
    [InlineData("(dimension > 5", 14, "expected ')'")]
    [InlineData("optimizer < 'adam'", 10, "'<' compares numbers; texts take = or !=")]
    [InlineData("dimension ! 5", 10, "'!' must be followed by '='")]
    [InlineData("optimizer = 'adam", 12, "this text has no closing '")]
    [InlineData("dimension > 1.2.3", 12, "'1.2.3' is not a number")]
    [InlineData("dimension > 5 & value < 1", 14, "unexpected '&'")]
    [InlineData("", 0, "expected a comparison such as dimension>=100")]
    public void A_bad_expression_points_at_the_bad_part(string expression, int position, string problem)
    {
        var error = Assert.Throws<QueryException>(() => TrialFilter.Parse(expression, Known));
        var lines = error.Message.Split(Environment.NewLine);
        Assert.StartsWith("--where: ", lines[0]);
        Assert.Contains(problem, lines[0]);
        Assert.Equal("  " + expression, lines[1]);
        Assert.Equal(new string(' ', 2 + position) + "^", lines[2]);
    }

    public static TheoryData<string, string> Deep => new()
    {
        { "parentheses", new string('(', 1_000_000) + "dimension > 1" + new string(')', 1_000_000) },
        { "unclosed parentheses", new string('(', 1_000_000) },
        { "nots", string.Concat(Enumerable.Repeat("not ", 1_000_000)) + "dimension > 1" },
        { "nots in parentheses", string.Concat(Enumerable.Repeat("not (", 1_000_000)) },
    };

    [Theory]
    [MemberData(nameof(Deep), DisableDiscoveryEnumeration = true)]
    public void An_expression_nested_a_million_deep_is_refused_at_the_65th_level(string shape, string expression)
    {
        var error = Assert.Throws<QueryException>(() => TrialFilter.Parse(expression, Known));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.True(lines[0] == "--where: parentheses and 'not' are nested more than 64 deep here; write the condition with fewer levels " +
            "(a and b and c needs no parentheses)", $"{shape}: {lines[0]}");
        Assert.True(lines[1].Length < 200, $"{shape}: the expression is shown cut to the bad part, not a million characters");
        Assert.EndsWith("...", lines[1]);
        Assert.Equal('^', lines[2][^1]);
    }

    [Fact]
    public void Nesting_64_deep_is_allowed()
    {
        var filter = TrialFilter.Parse(new string('(', TrialFilter.MaxDepth) + "dimension > 3" + new string(')', TrialFilter.MaxDepth), Known);

        Assert.Equal([2, 3, 4], Enumerable.Range(0, 5).Select(i => Some.Trial("s", i)).Where(filter.Matches).Select(r => r.Index));
    }

    [Fact]
    public void A_chain_of_200_000_ors_is_tested_without_nesting_calls()
    {
        var expression = string.Join(" or ", Enumerable.Repeat("dimension = 1", 200_000)) + " or dimension = 4 and value > 0";

        var filter = TrialFilter.Parse(expression, Known);

        Assert.Equal([2], Enumerable.Range(0, 5).Select(i => Some.Trial("s", i)).Where(filter.Matches).Select(r => r.Index));
    }

    [Fact]
    public void A_long_expression_is_shown_around_the_bad_part()
    {
        var expression = string.Join(" and ", Enumerable.Repeat("dimension > 1", 100)) + " and nope = 1" + string.Concat(Enumerable.Repeat(" and dimension > 1", 100));

        var lines = Assert.Throws<QueryException>(() => TrialFilter.Parse(expression, Known)).Message.Split(Environment.NewLine);

        Assert.StartsWith("--where: unknown field 'nope'", lines[0]);
        Assert.Equal("  ..." + expression[(expression.IndexOf("nope", StringComparison.Ordinal) - 60)..(expression.IndexOf("nope", StringComparison.Ordinal) + 60)] + "...", lines[1]);
        Assert.Equal(new string(' ', 2 + 3 + 60) + "^", lines[2]);
    }
}
