namespace Sweeps.Lstm.Tasks.Files;

/// <summary>Reads a sequence file in the format its extension names (<see cref="SequenceFileFormat"/>).</summary>
public static class SequenceFile
{
    /// <param name="steps">The window length for text files (<c>sequence_length</c>); numeric files give their own.</param>
    public static SequenceData Read(string path, int steps, SequenceFileLimits? limits = null)
    {
        limits ??= SequenceFileLimits.Default;
        return SequenceFileFormats.FromPath(path) switch
        {
            SequenceFileFormat.Text => TextSequences.Read(path, steps, limits),
            SequenceFileFormat.JsonLines => JsonLinesSequences.Read(path, limits),
            SequenceFileFormat.Csv => CsvSequences.Read(path, limits),
            _ => throw new SequenceFileException(path, 0,
                $"has an extension this job does not read; name the file .txt (text), .jsonl or .ndjson (JSON lines) or .csv"),
        };
    }
}
