using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweeps.Core.Spec;

/// <summary>
/// A parser that remembers where it was: the flow lists and mappings still open, the last event and every alias.
/// YamlDotNet's own marks point at the end of the text for an unclosed <c>[</c> and at line 1 for a missing anchor;
/// these let <see cref="YamlSyntaxError"/> name the line a person must fix.
/// </summary>
internal sealed class YamlTracker(IParser inner) : IParser
{
    private readonly Stack<ParsingEvent> _openFlows = new();
    private readonly Dictionary<string, Mark> _firstAlias = new(StringComparer.Ordinal);

    public ParsingEvent? Current => inner.Current;

    /// <summary>The innermost <c>[</c> or <c>{</c> not yet closed, or null.</summary>
    public ParsingEvent? OpenFlow => _openFlows.Count > 0 ? _openFlows.Peek() : null;

    /// <summary>Where the last event read started; null before the first.</summary>
    public Mark? LastMark { get; private set; }

    public Mark? AliasOf(string anchor) => _firstAlias.TryGetValue(anchor, out var mark) ? mark : null;

    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        var current = inner.Current!;
        LastMark = current.Start;
        switch (current)
        {
            case SequenceStart { Style: SequenceStyle.Flow }:
            case MappingStart { Style: MappingStyle.Flow }:
                _openFlows.Push(current);
                break;
            case SequenceEnd or MappingEnd when _openFlows.Count > 0 && ClosesFlow(current):
                _openFlows.Pop();
                break;
            case AnchorAlias alias:
                _firstAlias.TryAdd(alias.Value.Value, alias.Start);
                break;
        }
        return true;
    }

    // Block collections end too: only the end matching the innermost open flow collection closes it.
    private bool ClosesFlow(ParsingEvent end) =>
        (end is SequenceEnd && _openFlows.Peek() is SequenceStart) || (end is MappingEnd && _openFlows.Peek() is MappingStart);
}
