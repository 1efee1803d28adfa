using Sweeps.Lstm.Model;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>The sequences of a file, all of <see cref="Steps"/> steps, before they are split into train, validation and test.</summary>
/// <param name="Vocabulary">The characters of a text file, in the order of their one-hot index; null for numeric files.</param>
public sealed record SequenceData(
    int InputSize,
    int OutputSize,
    OutputKind Output,
    int Steps,
    IReadOnlyList<Sequence> Sequences,
    string? Vocabulary = null)
{
    /// <summary>Classification (softmax) scores accuracy as the share of steps whose most probable class is the target.</summary>
    public bool IsClassification => Output == OutputKind.Softmax;
}
