namespace Sweeps.Lstm.Tasks;

/// <summary>The tasks by name, as sweep specs give them.</summary>
public static class SequenceTasks
{
    public static IReadOnlyList<string> Names { get; } = [AddingTask.Name, ReberTask.Name, PolyphonicTask.Name];

    public static bool IsKnown(string name) => Names.Contains(name);

    public static SequenceTask Generate(string name, TaskSizes sizes, ulong seed) => name switch
    {
        AddingTask.Name => AddingTask.Generate(sizes, seed),
        ReberTask.Name => ReberTask.Generate(sizes, seed),
        PolyphonicTask.Name => PolyphonicTask.Generate(sizes, seed),
        _ => throw new ArgumentException($"unknown task '{name}'; known tasks: {string.Join(", ", Names)}", nameof(name)),
    };
}
