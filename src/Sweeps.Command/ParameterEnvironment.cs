using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweeps.Core.Parameters;

namespace Sweeps.Command;

/// <summary>How a program is told its trial: <c>SWEEPS_PARAM_&lt;NAME&gt;</c> variables and a JSON file of the parameters.</summary>
internal static class ParameterEnvironment
{
    /// <summary><c>learning_rate</c> is <c>SWEEPS_PARAM_LEARNING_RATE</c>: upper case, anything not a letter or digit made '_'.</summary>
    public static string VariableName(string parameter)
    {
        var name = new StringBuilder("SWEEPS_PARAM_", 13 + parameter.Length);
        foreach (var c in parameter) name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return name.ToString();
    }

    /// <summary>The parameters as one JSON object, numbers as numbers (reals exact), in the sweep's order.</summary>
    public static byte[] Json(TrialParameters parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                json.WritePropertyName(name);
                switch (value.Kind)
                {
                    case ParameterKind.Integer: json.WriteNumberValue((long)value.Number); break;
                    case ParameterKind.Real: json.WriteRawValue(value.Number.ToString("R", CultureInfo.InvariantCulture)); break;
                    case ParameterKind.Boolean: json.WriteBooleanValue(value.Number != 0); break;
                    default: json.WriteStringValue(value.Text); break;
                }
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
