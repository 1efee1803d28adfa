namespace Sweeps.Core.Jobs;

/// <summary>The job kinds a node can run, by name.</summary>
public sealed class JobRegistry
{
    private readonly SortedDictionary<string, JobDefinition> _definitions = new(StringComparer.Ordinal);

    public JobRegistry Register(JobDefinition definition)
    {
        if (!_definitions.TryAdd(definition.Kind, definition))
            throw new ArgumentException($"job kind '{definition.Kind}' is registered twice", nameof(definition));
        return this;
    }

    public bool TryGet(string kind, out JobDefinition definition) => _definitions.TryGetValue(kind, out definition!);

    public JobDefinition Get(string kind) =>
        TryGet(kind, out var definition)
            ? definition
            : throw new KeyNotFoundException($"unknown job kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");

    public IEnumerable<string> Kinds => _definitions.Keys;

    public IEnumerable<JobDefinition> Definitions => _definitions.Values;
}
