using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using static Sweeps.Core.Spec.SpecLimits;

namespace Sweeps.Core.Spec;

/// <summary>
/// Checks spec text against <see cref="SpecLimits"/> before it becomes a tree: one pass over YamlDotNet's event stream,
/// which keeps its nesting on the heap, stopping at the first limit passed. YamlDotNet's tree loader recurses once per
/// level and has no depth limit of its own, so a spec nested 50,000 deep would otherwise end the process.
/// </summary>
internal static class SpecLimitScan
{
    private const int ShownNameLength = 40;

    /// <exception cref="SpecException">The text passes a limit; the error says which, where, and what to do.</exception>
    public static void Check(string text, string file)
    {
        // Past a third of int.MaxValue chars the byte count could overflow; the length alone is over the limit anyway.
        var bytes = text.Length > int.MaxValue / 3 ? text.Length : Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxBytes) throw TooBig(file, bytes);

        var open = new List<Collection>();
        var anchored = new Dictionary<string, long>(StringComparer.Ordinal);
        long expanded = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case Scalar scalar:
                        CountItem(open, file, scalar.Value);
                        expanded += scalar.Value.Length + 1;
                        if (!scalar.Anchor.IsEmpty) anchored[scalar.Anchor.Value] = scalar.Value.Length + 1;
                        break;
                    case AnchorAlias alias:
                        var name = alias.Value.Value;
                        if (open.Any(c => c.Anchor == name))
                            throw Problem(file, alias.Start.Line, "yaml", $"the alias *{Short(name)} is used inside the value it names, so it never ends",
                                "an alias can only repeat a value that is complete before it");
                        CountItem(open, file, null);
                        expanded += anchored.GetValueOrDefault(name); // an unknown anchor is left to the loader to report
                        if (expanded > MaxExpandedBytes)
                            throw Problem(file, alias.Start.Line, "yaml",
                                $"with its aliases (*name) written out, the spec would be more than {Count(MaxExpandedBytes)} bytes",
                                "repeat smaller parts, or repeat them fewer times");
                        break;
                    case NodeEvent start and (SequenceStart or MappingStart):
                        CountItem(open, file, null);
                        open.Add(new Collection(start is MappingStart, start.Start.Line, start.Anchor.IsEmpty ? null : start.Anchor.Value, expanded));
                        expanded++;
                        if (open.Count > MaxDepth)
                            throw Problem(file, start.Start.Line, "yaml", $"lists and mappings are nested more than {MaxDepth} deep here",
                                "a sweep needs 5 levels at most (sweeps: - parameters: name: [values]); look for brackets that are never closed");
                        break;
                    case SequenceEnd or MappingEnd:
                        var closed = open[^1];
                        open.RemoveAt(open.Count - 1);
                        if (closed.Anchor is { } anchor) anchored[anchor] = expanded - closed.ExpandedAtStart;
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Not valid YAML (YamlDotNet's scanner throws InvalidOperationException at some ends of text): the loader reports it.
        }
    }

    public static SpecException TooBig(string file, long bytes) => Problem(file, 1, "file",
        $"is {Count(bytes)} bytes; a spec may be at most {Count(MaxBytes)} bytes (1 MiB)",
        "split its sweeps over several files, and give many numbers as a range {min, max, steps} rather than a list");

    /// <summary>Counts a value, key or item into the collection it is in, refusing one item past the limit.</summary>
    private static void CountItem(List<Collection> open, string file, string? scalar)
    {
        if (open.Count == 0) return;
        var parent = open[^1];
        if (parent.IsMapping)
        {
            parent.ExpectsKey = !parent.ExpectsKey;
            if (!parent.ExpectsKey) parent.Key = scalar; // it was a key: the next node is its value
            else return;
        }
        if (++parent.Items <= MaxItems) return;
        throw parent.IsMapping
            ? Problem(file, parent.Line, FieldOf(open), $"is a mapping of more than {Count(MaxItems)} keys", "split the sweep into several")
            : Problem(file, parent.Line, FieldOf(open), $"is a list of more than {Count(MaxItems)} values",
                "give many numbers as a range {min, max, steps}, or split the sweep into several");
    }

    /// <summary>The keys leading to the innermost collection, as the other spec errors name fields: parameters.sleep_ms.</summary>
    private static string FieldOf(List<Collection> open)
    {
        var keys = open.Take(open.Count - 1).Where(c => c.IsMapping).Select(c => Short(c.Key ?? "?")).ToList();
        if (keys.Count > 0 && keys[0] == "sweeps") keys.RemoveAt(0);
        return keys.Count == 0 ? "yaml" : string.Join(".", keys);
    }

    private static string Short(string name) => name.Length <= ShownNameLength ? name : name[..ShownNameLength] + "...";

    private static SpecException Problem(string file, long line, string field, string problem, string hint) =>
        new([new SpecError(file, (int)Math.Clamp(line, 1, int.MaxValue), field, problem, hint)]);

    private sealed class Collection(bool isMapping, long line, string? anchor, long expandedAtStart)
    {
        public bool IsMapping { get; } = isMapping;
        public long Line { get; } = line;
        public string? Anchor { get; } = anchor;
        public long ExpandedAtStart { get; } = expandedAtStart;
        public int Items { get; set; }
        public bool ExpectsKey { get; set; } = true;
        public string? Key { get; set; }
    }
}
