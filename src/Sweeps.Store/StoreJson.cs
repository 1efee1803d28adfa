using System.Globalization;
using System.Text.Json;
using Sweeps.Core.Parameters;

namespace Sweeps.Store;

/// <summary>
/// Parameters, metrics and series as JSON objects, so a person reading the table (or SQLite's json_extract,
/// PostgreSQL's ->>) sees {"dimension": 100, "epsilon": 0.01}. Non-finite numbers are written as strings.
/// </summary>
public static class StoreJson
{
    public static string Parameters(TrialParameters parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                json.WritePropertyName(name);
                switch (value.Kind)
                {
                    case ParameterKind.Integer: json.WriteNumberValue((long)value.Number); break;
                    case ParameterKind.Real: WriteNumber(json, value.Number); break;
                    case ParameterKind.Boolean: json.WriteBooleanValue(value.Number != 0); break;
                    default: json.WriteStringValue(value.Text); break;
                }
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static TrialParameters ReadParameters(string? text)
    {
        if (string.IsNullOrEmpty(text)) return TrialParameters.Empty;
        using var doc = JsonDocument.Parse(text);
        var items = new List<KeyValuePair<string, ParameterValue>>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            var element = property.Value;
            var value = element.ValueKind switch
            {
                JsonValueKind.Number when element.TryGetInt64(out var whole) && !element.GetRawText().Contains('.') && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
                    => ParameterValue.Of(whole),
                JsonValueKind.Number => ParameterValue.Of(element.GetDouble()),
                JsonValueKind.True => ParameterValue.Of(true),
                JsonValueKind.False => ParameterValue.Of(false),
                _ => ParameterValue.Of(element.GetString() ?? ""),
            };
            items.Add(new(property.Name, value));
        }
        return new TrialParameters(items);
    }

    public static string? Metrics(IReadOnlyDictionary<string, double>? metrics)
    {
        if (metrics is null || metrics.Count == 0) return null;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in metrics)
            {
                json.WritePropertyName(name);
                WriteNumber(json, value);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, double> ReadMetrics(string? text)
    {
        var metrics = new Dictionary<string, double>();
        if (string.IsNullOrEmpty(text)) return metrics;
        using var doc = JsonDocument.Parse(text);
        foreach (var property in doc.RootElement.EnumerateObject())
            metrics[property.Name] = ReadNumber(property.Value);
        return metrics;
    }

    public static string? Series(IReadOnlyDictionary<string, double[]>? series)
    {
        if (series is null || series.Count == 0) return null;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, values) in series)
            {
                json.WriteStartArray(name);
                foreach (var value in values) WriteNumber(json, value);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, double[]>? ReadSeries(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        using var doc = JsonDocument.Parse(text);
        var series = new Dictionary<string, double[]>();
        foreach (var property in doc.RootElement.EnumerateObject())
            series[property.Name] = property.Value.EnumerateArray().Select(ReadNumber).ToArray();
        return series;
    }

    /// <summary>A trial's details as a JSON object of texts; null when there are none (the common case costs nothing).</summary>
    public static string? Details(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null || details.Count == 0) return null;
        return JsonSerializer.Serialize(details);
    }

    public static IReadOnlyDictionary<string, string>? ReadDetails(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        using var doc = JsonDocument.Parse(text);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
            details[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        return details;
    }

    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static double ReadNumber(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? double.Parse(element.GetString()!, CultureInfo.InvariantCulture)
            : element.GetDouble();
}
