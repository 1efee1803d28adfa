using Sweeps.Core.Parameters;

namespace Sweeps.Core.Spec;

/// <summary>Which values a job parameter of each kind accepts, and how to say so when it does not.</summary>
internal static class KindFit
{
    public static bool Accepts(ParameterKind wanted, ParameterValue value) => wanted switch
    {
        ParameterKind.Integer => value.Kind == ParameterKind.Integer,
        ParameterKind.Real => value.IsNumeric,
        _ => value.Kind == wanted,
    };

    public static string Describe(ParameterKind kind) => kind switch
    {
        ParameterKind.Integer => "a whole number",
        ParameterKind.Real => "a number",
        ParameterKind.Text => "text",
        _ => "true or false",
    };

    public static string Describe(ParameterValue value) => value.Kind switch
    {
        ParameterKind.Text => $"text '{value}'",
        ParameterKind.Real => $"the real number {value}",
        ParameterKind.Integer => $"the whole number {value}",
        _ => $"the boolean {value}",
    };

    public static string Hint(ParameterKind wanted, ParameterValue given) => wanted switch
    {
        ParameterKind.Integer when given.Kind == ParameterKind.Real => $"write a whole number, e.g. {Math.Round(given.Number, MidpointRounding.AwayFromZero):0}",
        ParameterKind.Integer => "write a whole number, e.g. 3",
        ParameterKind.Real => "write a number, e.g. 0.5",
        ParameterKind.Text => $"quote it to make it text: \"{given}\"",
        _ => "write true or false",
    };
}
