using System.Globalization;

namespace Sweeps.Core.Parameters;

/// <summary>One value of a trial's parameter: an integer, a real number, a string or a boolean.</summary>
public readonly record struct ParameterValue
{
    private ParameterValue(ParameterKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public ParameterKind Kind { get; }

    /// <summary>The numeric value (integers are exact up to 2^53); 1 or 0 for booleans; NaN for strings.</summary>
    public double Number { get; }

    public string? Text { get; }

    public static ParameterValue Of(long value) => new(ParameterKind.Integer, value, null);
    public static ParameterValue Of(double value) => new(ParameterKind.Real, value, null);
    public static ParameterValue Of(string value) => new(ParameterKind.Text, double.NaN, value);
    public static ParameterValue Of(bool value) => new(ParameterKind.Boolean, value ? 1 : 0, null);

    public bool IsNumeric => Kind is ParameterKind.Integer or ParameterKind.Real;

    public override string ToString() => Kind switch
    {
        ParameterKind.Integer => ((long)Number).ToString(CultureInfo.InvariantCulture),
        ParameterKind.Real => Number.ToString("R", CultureInfo.InvariantCulture),
        ParameterKind.Boolean => Number != 0 ? "true" : "false",
        _ => Text ?? "",
    };
}

public enum ParameterKind
{
    Integer,
    Real,
    Text,
    Boolean,
}
