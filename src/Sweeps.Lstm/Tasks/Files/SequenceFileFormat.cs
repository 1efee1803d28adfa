namespace Sweeps.Lstm.Tasks.Files;

/// <summary>The formats <c>task: file</c> reads, told apart by the file's extension.</summary>
public enum SequenceFileFormat
{
    /// <summary><c>.txt</c>: UTF-8 text, next-character prediction over fixed-length windows.</summary>
    Text,
    /// <summary><c>.jsonl</c> or <c>.ndjson</c>: one sequence per line, <c>{"inputs": [...], "targets": [...]}</c> or <c>"labels"</c>.</summary>
    JsonLines,
    /// <summary><c>.csv</c>: one step per row, a <c>sequence</c> id column, inputs, and <c>target*</c> or <c>label</c> columns.</summary>
    Csv,
}

public static class SequenceFileFormats
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".jsonl", ".ndjson", ".csv"];

    public static SequenceFileFormat? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" => SequenceFileFormat.Text,
        ".jsonl" or ".ndjson" => SequenceFileFormat.JsonLines,
        ".csv" => SequenceFileFormat.Csv,
        _ => null,
    };
}
