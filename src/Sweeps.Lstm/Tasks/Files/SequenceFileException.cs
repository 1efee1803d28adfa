namespace Sweeps.Lstm.Tasks.Files;

/// <summary>A sequence file that cannot be used, with the file and line of the first mistake (line 0: the file as a whole).</summary>
public sealed class SequenceFileException(string file, int line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
