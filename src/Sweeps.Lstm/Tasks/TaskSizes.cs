namespace Sweeps.Lstm.Tasks;

/// <summary>How much data a task generates: sequences per split and steps per sequence.</summary>
public sealed record TaskSizes(int Train, int Valid, int Test, int SequenceLength)
{
    public static TaskSizes Default { get; } = new(1000, 100, 200, 50);
}
