using System.Text.Json;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;

namespace Sweeps.Cli.Output;

/// <summary>A JSON array of trials, each with its parameters and metrics (and with --series its learning curves) as nested objects, streamed.</summary>
internal static class TrialJson
{
    public static void Write(Stream output, IEnumerable<TrialRow> rows, bool withSeries = false)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteNumber("trial", row.Index);
            json.WriteNumber("point", row.Point);
            json.WriteNumber("replicate", row.Replicate);
            json.WriteString("status", row.Status.Text());
            json.WriteStartObject("parameters");
            foreach (var (name, value) in row.Parameters)
            {
                switch (value.Kind)
                {
                    case ParameterKind.Integer: json.WriteNumber(name, (long)value.Number); break;
                    case ParameterKind.Real: WriteNumber(json, name, value.Number); break;
                    case ParameterKind.Boolean: json.WriteBoolean(name, value.Number != 0); break;
                    default: json.WriteString(name, value.Text); break;
                }
            }
            json.WriteEndObject();
            json.WriteStartObject("metrics");
            foreach (var (name, value) in row.Metrics) WriteNumber(json, name, value);
            json.WriteEndObject();
            json.WriteNumber("attempt", row.Attempt);
            if (row.Worker is not null) json.WriteString("worker", row.Worker);
            if (TrialColumns.Time(row.StartedAt) is { } started) json.WriteString("started_at", started);
            if (TrialColumns.Time(row.EndedAt) is { } ended) json.WriteString("ended_at", ended);
            if (row.DurationMs is { } ms) WriteNumber(json, "duration_ms", ms);
            json.WriteString("seed", row.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (row.Error is not null) json.WriteString("error", row.Error);
            if (row.Host is not null) json.WriteString("host", row.Host);
            if (row.Details is { Count: > 0 } details)
            {
                json.WriteStartObject("details");
                foreach (var (name, value) in details) json.WriteString(name, value);
                json.WriteEndObject();
            }
            if (withSeries)
            {
                // Learning curves: each series the trial reported, as an array of its values in step order.
                json.WriteStartObject("series");
                foreach (var (name, values) in row.Series ?? new Dictionary<string, double[]>())
                {
                    json.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        if (double.IsFinite(value)) json.WriteNumberValue(value);
                        else json.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
