using System.Text.Json.Serialization;
using System.Text.Json;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Serialization;

/// <summary>
/// Sweep states travel and are journaled as their words ("running", "paused", ...), as they always were, so old
/// journals recover; a word that is not a state (or a number) is refused with the list of states.
/// </summary>
internal sealed class SweepStateConverter : JsonConverter<SweepState>
{
    public override SweepState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a sweep state must be one of {StateNames.AllSweepStates}, not a {reader.TokenType}");
        var text = reader.GetString();
        try
        {
            return StateNames.ParseSweepState(text);
        }
        catch (UnknownStateException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, SweepState value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text());
}

/// <summary>Trial statuses as their words, like <see cref="SweepStateConverter"/>.</summary>
internal sealed class TrialStatusConverter : JsonConverter<TrialStatus>
{
    public override TrialStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a trial status must be one of {StateNames.AllTrialStatuses}, not a {reader.TokenType}");
        var text = reader.GetString();
        try
        {
            return StateNames.ParseTrialStatus(text);
        }
        catch (UnknownStateException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TrialStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text());
}
