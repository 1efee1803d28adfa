using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Core.Parameters;

namespace Sweeps.Cluster.Serialization;

/// <summary>Parameters as an ordered list of <c>{"name": ..., "int"|"real"|"text"|"bool": value}</c>, keeping each value's kind.</summary>
internal sealed class TrialParametersConverter : JsonConverter<TrialParameters>
{
    public override TrialParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("parameters must be a list");
        var items = new List<KeyValuePair<string, ParameterValue>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string? name = null;
            ParameterValue value = default;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                reader.Read();
                switch (property)
                {
                    case "name": name = reader.GetString(); break;
                    case "int": value = ParameterValue.Of(reader.GetInt64()); break;
                    case "real": value = ParameterValue.Of(ReadReal(ref reader)); break;
                    case "text": value = ParameterValue.Of(reader.GetString() ?? ""); break;
                    case "bool": value = ParameterValue.Of(reader.GetBoolean()); break;
                    default: throw new JsonException($"unknown parameter field '{property}'");
                }
            }
            items.Add(new(name ?? throw new JsonException("a parameter has no name"), value));
        }
        return new TrialParameters(items);
    }

    public override void Write(Utf8JsonWriter writer, TrialParameters value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var (name, parameter) in value)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            switch (parameter.Kind)
            {
                case ParameterKind.Integer: writer.WriteNumber("int", (long)parameter.Number); break;
                case ParameterKind.Real:
                    if (double.IsFinite(parameter.Number)) writer.WriteNumber("real", parameter.Number);
                    else writer.WriteString("real", parameter.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case ParameterKind.Boolean: writer.WriteBoolean("bool", parameter.Number != 0); break;
                default: writer.WriteString("text", parameter.Text); break;
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static double ReadReal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? double.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : reader.GetDouble();
}
