namespace Sweeps.Store.Query;

/// <summary>A query that cannot be understood; <see cref="Message"/> shows the expression with a caret under the bad part.</summary>
public sealed class QueryException(string message) : Exception(message)
{
    public static QueryException At(string option, string expression, int position, string problem) =>
        new($"{option}: {problem}{Environment.NewLine}  {expression}{Environment.NewLine}  {new string(' ', Math.Clamp(position, 0, expression.Length))}^");
}
