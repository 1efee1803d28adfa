namespace Sweeps.Lstm.Tasks;

/// <summary>The training, validation or test part of a task: equally long sequences, and which steps carry a target.</summary>
public sealed record TaskSplit(IReadOnlyList<Sequence> Sequences, int Steps, bool[] LossSteps)
{
    public int Count => Sequences.Count;

    /// <summary>The lowest mean loss any model can reach on this split, where the generating process makes it computable.</summary>
    public double? OptimalLoss { get; init; }
}
