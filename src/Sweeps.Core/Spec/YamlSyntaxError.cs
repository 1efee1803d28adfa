using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweeps.Core.Spec;

/// <summary>
/// Text that is not YAML, said as a <see cref="SpecError"/> on the line to fix: the line of a tab used to indent, of
/// a <c>[</c> or <c>{</c> never closed, of an alias with no anchor; otherwise the line YamlDotNet names.
/// </summary>
internal static partial class YamlSyntaxError
{
    private const string Hint = "the file is not valid YAML here; check indentation, colons and quotes";

    /// <param name="error">A <see cref="YamlException"/>, or the <see cref="InvalidOperationException"/> YamlDotNet's scanner throws at some ends of text.</param>
    public static SpecError From(Exception error, string yaml, string file, YamlTracker tracker)
    {
        var mark = (error as YamlException)?.Start;
        var line = mark is { Index: > 0 } start ? (int)start.Line : tracker.LastMark is { } last ? (int)last.Line : 1;
        if (TabIndentedLine(yaml) is { } tabLine && (error.Message.Contains("tab", StringComparison.Ordinal) || mark is not { Index: > 0 }))
            return new SpecError(file, tabLine, "yaml", "a tab is used to indent", "YAML indents with spaces only: replace the tab with spaces");
        // Only a complaint about the list itself (or the scanner's bare failure at the end) means it was left open.
        if (tracker.OpenFlow is { } open && (error is InvalidOperationException || error.Message.Contains("flow", StringComparison.OrdinalIgnoreCase)))
        {
            var (what, close) = open is SequenceStart ? ("list", ']') : ("mapping", '}');
            return new SpecError(file, (int)open.Start.Line, "yaml", $"the {what} opened here with {(close == ']' ? '[' : '{')} (column {open.Start.Column}) is not closed",
                $"close it with {close} on this line, and separate its items with commas");
        }
        if (MissingAnchor().Match(error.Message) is { Success: true } missing)
        {
            var name = missing.Groups[1].Value;
            var at = tracker.AliasOf(name);
            return new SpecError(file, at is { } alias ? (int)alias.Line : line, "yaml", $"*{name} refers to no anchor &{name}",
                $"define &{name} on a value above this line, or remove the *");
        }
        var problem = error is YamlException ? WithoutPosition(error.Message) : "the text ends in the middle of a value";
        return new SpecError(file, Math.Max(1, line), "yaml", problem, Hint);
    }

    /// <summary>The first line whose indentation holds a tab, or null.</summary>
    private static int? TabIndentedLine(string yaml)
    {
        var number = 0;
        foreach (var line in yaml.Split('\n'))
        {
            number++;
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            if (line.AsSpan(0, indent).Contains('\t') && indent < line.TrimEnd('\r').Length) return number;
        }
        return null;
    }

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the error already has the line.
    private static string WithoutPosition(string message) => Position().Replace(message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex Position();

    [GeneratedRegex(@"anchor '([^']*)' does not exist")]
    private static partial Regex MissingAnchor();
}
