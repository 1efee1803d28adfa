namespace Sweeps.Command;

/// <summary>
/// Which programs this node runs for <c>command</c> jobs: a submitted command runs code on the worker, so none unless
/// the node was started with <c>--allow-commands</c> (any program), or <c>--allow-commands python3,/opt/train.sh</c>.
/// </summary>
public sealed record CommandPermission(bool Any, IReadOnlyList<string> Programs)
{
    public static CommandPermission None { get; } = new(false, []);

    public static CommandPermission AnyProgram { get; } = new(true, []);

    public static CommandPermission Only(IEnumerable<string> programs) => new(false, programs.Distinct(StringComparer.Ordinal).ToList());

    public bool AllowsSome => Any || Programs.Count > 0;

    /// <summary>
    /// Reads the option's value: empty or <c>true</c> for any program, <c>false</c> for none, else a comma-separated list.
    /// </summary>
    public static CommandPermission Parse(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "*") return AnyProgram;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return None;
        return Only(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Whether <paramref name="program"/> (as written in the spec, found at <paramref name="path"/>) may run.</summary>
    public bool Allows(string program, string path) =>
        Any || Programs.Any(allowed => allowed == program || allowed == path
            || allowed.Contains('/') && Path.GetFullPath(allowed) == path);

    public string Describe() => Any ? "any program" : Programs.Count == 0 ? "no program" : string.Join(", ", Programs);
}
