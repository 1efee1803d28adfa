namespace Sweeps.Store.Query;

/// <summary>A query that cannot be understood; <see cref="Message"/> shows the expression with a caret under the bad part.</summary>
public sealed class QueryException(string message) : Exception(message)
{
    /// <summary>Characters of the expression shown either side of the bad part; a longer one is cut to this window.</summary>
    private const int Shown = 60;

    public static QueryException At(string option, string expression, int position, string problem)
    {
        position = Math.Clamp(position, 0, expression.Length);
        var start = Math.Max(0, position - Shown);
        var end = Math.Min(expression.Length, position + Shown);
        var before = start > 0 ? "..." : "";
        var shown = before + expression[start..end] + (end < expression.Length ? "..." : "");
        return new($"{option}: {problem}{Environment.NewLine}  {shown}{Environment.NewLine}  {new string(' ', before.Length + position - start)}^");
    }
}
