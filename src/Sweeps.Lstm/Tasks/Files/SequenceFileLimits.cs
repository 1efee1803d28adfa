namespace Sweeps.Lstm.Tasks.Files;

/// <summary>What a sequence file may hold: checked while reading, so a hostile or mistaken file cannot exhaust a worker's memory.</summary>
public sealed record SequenceFileLimits
{
    public static SequenceFileLimits Default { get; } = new();

    /// <summary>Largest file read, in bytes (64 MiB).</summary>
    public long MaxBytes { get; init; } = 64L << 20;

    /// <summary>Longest line, in characters (1 Mi): a JSON line is one sequence.</summary>
    public int MaxLineChars { get; init; } = 1 << 20;

    public int MaxSequences { get; init; } = 1_000_000;

    /// <summary>Most numbers held in memory, inputs and targets of all sequences together (20 M: 160 MB as doubles).</summary>
    public long MaxValues { get; init; } = 20_000_000;

    /// <summary>Most inputs per step, outputs per step, and classes.</summary>
    public int MaxWidth { get; init; } = 4096;

    /// <summary>Most distinct characters in a text file (its vocabulary).</summary>
    public int MaxVocabulary { get; init; } = 1024;
}
