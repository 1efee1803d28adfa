using System.Text;
using Sweeps.Core.Parameters;

namespace Sweeps.Command;

/// <summary>
/// One item of <c>command:</c> with <c>{name}</c> placeholders for the trial's parameters; <c>{{</c> and <c>}}</c> are
/// a literal brace. Checked against the sweep's parameter names before anything runs, filled in for each trial.
/// </summary>
internal static class CommandTemplate
{
    /// <returns>What is wrong with the item (a placeholder naming no parameter, a brace left open), or null.</returns>
    public static string? Problem(string item, IReadOnlyCollection<string> parameters)
    {
        string? problem = null;
        Walk(item, _ => { }, name =>
        {
            if (problem is null && !parameters.Contains(name))
                problem = $"the placeholder {{{name}}} names no parameter of the sweep";
        }, error => problem ??= error);
        return problem;
    }

    public static string Fill(string item, TrialParameters parameters)
    {
        var text = new StringBuilder(item.Length);
        Walk(item, c => text.Append(c), name =>
        {
            if (!parameters.TryGet(name, out var value)) throw new InvalidOperationException($"the trial has no parameter '{name}' for the placeholder {{{name}}}");
            text.Append(value.ToString());
        }, error => throw new InvalidOperationException(error));
        return text.ToString();
    }

    private static void Walk(string item, Action<char> literal, Action<string> placeholder, Action<string> error)
    {
        for (var i = 0; i < item.Length; i++)
        {
            var c = item[i];
            if (c == '{' && i + 1 < item.Length && item[i + 1] == '{' || c == '}' && i + 1 < item.Length && item[i + 1] == '}')
            {
                literal(c);
                i++;
            }
            else if (c == '{')
            {
                var end = item.IndexOf('}', i + 1);
                if (end < 0)
                {
                    error($"'{{' at character {i + 1} is not closed");
                    return;
                }
                placeholder(item[(i + 1)..end]);
                i = end;
            }
            else if (c == '}')
            {
                error($"'}}' at character {i + 1} closes nothing");
                return;
            }
            else
            {
                literal(c);
            }
        }
    }
}
