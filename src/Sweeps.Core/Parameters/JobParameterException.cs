namespace Sweeps.Core.Parameters;

/// <summary>A job was given a parameter it cannot use. The trial fails with this message; the sweep goes on.</summary>
public sealed class JobParameterException(string parameter, string problem)
    : Exception($"parameter '{parameter}' {problem}")
{
    public string Parameter { get; } = parameter;
}
