using Sweeps.Core.Parameters;

namespace Sweeps.Core.Jobs;

/// <summary>One parameter a job kind takes: its name, kind, whether it must be given, and what it means.</summary>
public sealed record JobParameter(string Name, ParameterKind Kind, string Description, bool Required = false, string? Default = null)
{
    public static JobParameter Integer(string name, string description, long? defaultValue = null) =>
        new(name, ParameterKind.Integer, description, defaultValue is null, defaultValue?.ToString());

    public static JobParameter Real(string name, string description, double? defaultValue = null) =>
        new(name, ParameterKind.Real, description, defaultValue is null,
            defaultValue?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static JobParameter Text(string name, string description, string? defaultValue = null) =>
        new(name, ParameterKind.Text, description, defaultValue is null, defaultValue);

    public static JobParameter Boolean(string name, string description, bool? defaultValue = null) =>
        new(name, ParameterKind.Boolean, description, defaultValue is null, defaultValue is null ? null : defaultValue.Value ? "true" : "false");
}
