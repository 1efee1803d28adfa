namespace Sweeps.Core.Jobs;

/// <summary>The job kinds a node can run, by name. Built by the host (built-in kinds plus plugins); a plugin never needs one.</summary>
public sealed class JobRegistry
{
    private readonly SortedDictionary<string, JobDefinition> _definitions = new(StringComparer.Ordinal);

    /// <summary>Adds a kind; a kind registered twice is an <see cref="ArgumentException"/>.</summary>
    public JobRegistry Register(JobDefinition definition)
    {
        if (!_definitions.TryAdd(definition.Kind, definition))
            throw new ArgumentException($"job kind '{definition.Kind}' is registered twice", nameof(definition));
        return this;
    }

    /// <summary>The definition of a kind, if registered.</summary>
    public bool TryGet(string kind, out JobDefinition definition) => _definitions.TryGetValue(kind, out definition!);

    /// <summary>The definition of a kind; an unknown kind is a <see cref="KeyNotFoundException"/> naming the known ones.</summary>
    public JobDefinition Get(string kind) =>
        TryGet(kind, out var definition)
            ? definition
            : throw new KeyNotFoundException($"unknown job kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");

    /// <summary>Every registered kind, in ordinal order.</summary>
    public IEnumerable<string> Kinds => _definitions.Keys;

    /// <summary>Every registered definition, in kind order.</summary>
    public IEnumerable<JobDefinition> Definitions => _definitions.Values;
}
