using Sweeps.Core.Parameters;

namespace Sweeps.Core.Spec;

/// <summary>One parameter of a sweep's space: a constant, a list of choices, or a numeric range.</summary>
public abstract record ParameterSpec(string Name, int Line);

/// <summary>A scalar in the spec: every trial gets this value.</summary>
public sealed record ConstantParameter(string Name, int Line, ParameterValue Value) : ParameterSpec(Name, Line);

/// <summary>A list in the spec: one axis of a grid, or a categorical choice for random and sobol.</summary>
public sealed record ChoiceParameter(string Name, int Line, IReadOnlyList<ParameterValue> Values) : ParameterSpec(Name, Line);

/// <summary>A range <c>{min, max, scale, type, steps}</c>: drawn from for random and sobol; a grid needs <see cref="Steps"/>.</summary>
public sealed record RangeParameter(
    string Name,
    int Line,
    double Min,
    double Max,
    RangeScale Scale,
    bool IsInteger,
    int? Steps) : ParameterSpec(Name, Line);

public enum RangeScale
{
    Linear,
    Log,
}
