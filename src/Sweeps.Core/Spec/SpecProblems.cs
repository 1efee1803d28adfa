using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>Collects every mistake found in one file, so a person sees them all at once.</summary>
internal sealed class SpecProblems(string file)
{
    private readonly List<SpecError> _errors = [];

    public string File { get; } = file;

    public int Count => _errors.Count;

    public IReadOnlyList<SpecError> All => _errors;

    /// <summary>The problems in line order, at most <see cref="SpecLimits.MaxProblemsShown"/> and a line counting the rest.</summary>
    public IReadOnlyList<SpecError> Shown()
    {
        var shown = _errors.OrderBy(e => e.Line).Take(SpecLimits.MaxProblemsShown).ToList();
        if (_errors.Count > shown.Count)
            shown.Add(new SpecError(File, shown[^1].Line, "file", $"{SpecLimits.Count(_errors.Count - shown.Count)} more problems are not shown",
                "fix the ones above and check again to see the rest"));
        return shown;
    }

    public void Add(YamlNode node, string field, string problem, string? hint = null) =>
        Add(LineOf(node), field, problem, hint);

    public void Add(int line, string field, string problem, string? hint = null) =>
        _errors.Add(new SpecError(File, line, field, problem, hint));

    public static int LineOf(YamlNode node) => (int)Math.Max(1, node.Start.Line);
}
