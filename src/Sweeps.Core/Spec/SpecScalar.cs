using System.Globalization;
using Sweeps.Core.Parameters;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// How a YAML scalar becomes a parameter value: plain integers, reals and true/false are numbers and booleans;
/// anything quoted, and any other plain word, is text.
/// </summary>
internal static class SpecScalar
{
    public static bool IsPlain(YamlScalarNode scalar) => scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

    /// <summary>An empty value, <c>~</c> or <c>null</c>, written plain.</summary>
    public static bool IsEmpty(YamlScalarNode scalar) =>
        IsPlain(scalar) && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static ParameterValue ToValue(YamlScalarNode scalar) =>
        IsPlain(scalar) ? ClassifyPlain(scalar.Value ?? "") : ParameterValue.Of(scalar.Value ?? "");

    public static ParameterValue ClassifyPlain(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return ParameterValue.Of(integer);
        if (TryReal(text, out var real)) return ParameterValue.Of(real);
        return text switch
        {
            "true" or "True" or "TRUE" => ParameterValue.Of(true),
            "false" or "False" or "FALSE" => ParameterValue.Of(false),
            _ => ParameterValue.Of(text),
        };
    }

    /// <summary>A plain number (integer or real), for min, max and the like.</summary>
    public static bool TryNumber(YamlNode node, out double value, out bool isWhole)
    {
        value = 0;
        isWhole = false;
        if (node is not YamlScalarNode scalar || !IsPlain(scalar)) return false;
        var parsed = ClassifyPlain(scalar.Value ?? "");
        if (!parsed.IsNumeric) return false;
        value = parsed.Number;
        isWhole = parsed.Kind == ParameterKind.Integer || Math.Floor(value) == value;
        return true;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar when IsEmpty(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };

    private static bool TryReal(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value)
        && text.Any(char.IsDigit);
}
