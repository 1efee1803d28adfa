using Sweeps.Lstm.Model;

namespace Sweeps.Lstm.Tasks;

/// <summary>A generated learning task: its sizes, output layer, the three splits and how it is scored.</summary>
public sealed record SequenceTask(
    string Name,
    int InputSize,
    int OutputSize,
    OutputKind Output,
    TaskSplit Train,
    TaskSplit Valid,
    TaskSplit Test)
{
    /// <summary>Consecutive sequences continue one stream: the state is carried over, never reset (continual Reber).</summary>
    public bool Continual { get; init; }

    public AccuracyRule Accuracy { get; init; } = AccuracyRule.None;

    public double Tolerance { get; init; }
}
