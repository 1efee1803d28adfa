namespace Sweeps.Core.Spec;

/// <summary>One mistake in a spec, as a person reads it: file, line, field, what is wrong and what would be right.</summary>
public sealed record SpecError(string File, int Line, string Field, string Problem, string? Hint = null)
{
    public override string ToString() =>
        $"{File}:{Line}: {Field}: {Problem}" + (Hint is null ? "" : $" ({Hint})");
}

/// <summary>A spec that cannot run; <see cref="Errors"/> lists every mistake found, not only the first.</summary>
public sealed class SpecException(IReadOnlyList<SpecError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
