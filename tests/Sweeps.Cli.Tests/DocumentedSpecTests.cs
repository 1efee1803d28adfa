using System.Text.RegularExpressions;
using Sweeps.Cli.Tests.Support;
using Sweeps.Core.Spec;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Every spec the documentation shows (a <c>```yaml</c> block of README.md and of the other Markdown files) is a spec
/// this build accepts, so a pasted example runs. A block meant to show an error says so: <c>```yaml expect-error</c>.
/// </summary>
public sealed partial class DocumentedSpecTests
{
    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, line, _, _) in YamlBlocks()) data.Add(file, line);
        return data;
    }

    [Fact]
    public void The_readme_shows_at_least_one_spec() =>
        Assert.Contains(YamlBlocks(), block => block.File == "README.md" && !block.ExpectsError);

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_spec_shown_in_the_documentation_is_accepted_as_written(string file, int line)
    {
        var block = YamlBlocks().Single(b => b.File == file && b.Line == line);
        var where = $"{file} (the block from line {line})";

        if (block.ExpectsError)
        {
            Assert.Throws<SpecException>(() => SpecLoader.Parse(block.Yaml, where, BuiltInJobs.Create()));
            return;
        }
        var exception = Record.Exception(() => SpecLoader.Parse(block.Yaml, where, BuiltInJobs.Create()));
        Assert.True(exception is null, $"the spec at {where} is refused:\n{exception?.Message}");
    }

    private static IEnumerable<(string File, int Line, string Yaml, bool ExpectsError)> YamlBlocks()
    {
        foreach (var path in MarkdownFiles())
        {
            var file = Path.GetRelativePath(RepositoryFolder.Root, path).Replace('\\', '/');
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Fence().Match(lines[i]) is not { Success: true } fence) continue;
                var end = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
                Assert.True(end > i, $"{file}:{i + 1}: a ```yaml block is never closed");
                yield return (file, i + 2, string.Join('\n', lines[(i + 1)..end]), fence.Groups[1].Value.Contains("expect-error"));
                i = end;
            }
        }
    }

    private static IEnumerable<string> MarkdownFiles()
    {
        var root = RepositoryFolder.Root;
        yield return Path.Combine(root, "README.md");
        foreach (var folder in new[] { "docs", "src", "config", "deploy" }.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
            foreach (var path in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                if (!path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
                    yield return path;
    }

    [GeneratedRegex(@"^\s*```ya?ml\b(.*)$")]
    private static partial Regex Fence();
}
