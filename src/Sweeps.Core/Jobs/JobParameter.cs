using Sweeps.Core.Parameters;

namespace Sweeps.Core.Jobs;

/// <summary>
/// One parameter a job kind takes: its name, kind, whether it must be given, and what it means; and, when the job
/// declares them, the numbers (<see cref="Bounds"/>) or words (<see cref="Choices"/>) it accepts, so that a spec asking
/// for anything else is refused before it runs.
/// </summary>
/// <param name="Name">Its name in a spec's <c>parameters:</c>.</param>
/// <param name="Kind">Whole number, real number, text or true/false.</param>
/// <param name="Description">What it means, shown in hints and by <c>sweeps schema</c>.</param>
/// <param name="Required">A spec must give it (it has no default).</param>
/// <param name="Default">Its default, as text, when it has one.</param>
public sealed record JobParameter(string Name, ParameterKind Kind, string Description, bool Required = false, string? Default = null)
{
    /// <summary>The numbers a numeric parameter takes; null for any number of its kind.</summary>
    public NumberBounds? Bounds { get; init; }

    /// <summary>The words a text parameter takes; null for any text.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>
    /// A file's path (text). A relative path in a spec resolves against the spec file's folder when the spec is read,
    /// so the absolute path is what travels to workers (a remote worker must have the file at that path).
    /// </summary>
    public bool IsFile { get; init; }

    /// <summary>
    /// Checks the file a path names, where it can be read (the CLI before a sweep is submitted; the job reads it again
    /// before running); throws with file:line and what is wrong. Not run where the file is absent.
    /// </summary>
    public Action<string>? CheckFile { get; init; }

    /// <summary>A file path (default: none), optionally with a check of the file's content.</summary>
    public static JobParameter File(string name, string description, Action<string>? check = null) =>
        new(name, ParameterKind.Text, description, Required: false, Default: "") { IsFile = true, CheckFile = check };

    /// <summary>A whole number; required when <paramref name="defaultValue"/> is null.</summary>
    public static JobParameter Integer(string name, string description, long? defaultValue = null) =>
        new(name, ParameterKind.Integer, description, defaultValue is null, defaultValue?.ToString());

    /// <summary>A real number (a whole number is taken too); required when <paramref name="defaultValue"/> is null.</summary>
    public static JobParameter Real(string name, string description, double? defaultValue = null) =>
        new(name, ParameterKind.Real, description, defaultValue is null,
            defaultValue?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Text; required when <paramref name="defaultValue"/> is null.</summary>
    public static JobParameter Text(string name, string description, string? defaultValue = null) =>
        new(name, ParameterKind.Text, description, defaultValue is null, defaultValue);

    /// <summary>True or false; required when <paramref name="defaultValue"/> is null.</summary>
    public static JobParameter Boolean(string name, string description, bool? defaultValue = null) =>
        new(name, ParameterKind.Boolean, description, defaultValue is null, defaultValue is null ? null : defaultValue.Value ? "true" : "false");

    /// <summary>Takes numbers from <paramref name="min"/> to <paramref name="max"/>, ends included.</summary>
    public JobParameter Within(double min, double max, string? reason = null) => this with { Bounds = new NumberBounds(min, max, Reason: reason) };

    /// <summary>Takes numbers of at least <paramref name="min"/>.</summary>
    public JobParameter AtLeast(double min, string? reason = null) => Within(min, double.MaxValue, reason);

    /// <summary>Takes numbers above <paramref name="min"/> (not equal) and up to <paramref name="max"/>.</summary>
    public JobParameter Above(double min, double max = double.MaxValue, bool maxExclusive = false, string? reason = null) =>
        this with { Bounds = new NumberBounds(min, max, MinExclusive: true, MaxExclusive: maxExclusive, Reason: reason) };

    /// <summary>Takes only these words.</summary>
    public JobParameter OneOf(IEnumerable<string> choices) => this with { Choices = choices.ToList() };
}
