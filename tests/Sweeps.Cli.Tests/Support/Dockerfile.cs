namespace Sweeps.Cli.Tests.Support;

/// <summary>A Dockerfile as its instructions (continuation lines joined, comments dropped), for the deployment rules.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments);

internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerfileInstruction> Instructions { get; }

    /// <summary>The instructions of the last stage: what the image that runs is made of.</summary>
    public IReadOnlyList<DockerfileInstruction> FinalStage => Instructions.Skip(Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM")).ToList();

    public int IndexOf(Func<DockerfileInstruction, bool> match) => Instructions.ToList().FindIndex(i => match(i));

    public static Dockerfile Load(string path)
    {
        var instructions = new List<DockerfileInstruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0)) continue;
            if (line.EndsWith('\\')) { pending += line[..^1] + " "; continue; }
            line = pending + line;
            pending = "";
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            instructions.Add(space < 0 ? new(line.ToUpperInvariant(), "") : new(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim()));
        }
        return new Dockerfile(instructions);
    }
}
