using System.Globalization;
using Sweeps.Core.Parameters;

namespace Sweeps.Geometry.Running;

/// <summary>The limits every geometry job shares, and the messages a person sees when a parameter breaks one.</summary>
public static class ParameterCheck
{
    /// <summary>Vectors longer than this would not fit the working buffers comfortably (8 MB a vector).</summary>
    public const long MaxDimension = 1_000_000;

    /// <summary>Beyond this a single trial would run for days on one core: split the work into replicates instead.</summary>
    public const long MaxSamples = 1_000_000_000_000;

    public const string SamplesReason = "a larger request would run for days on one core; split it into replicates";

    public static int Dimension(long value) => (int)InRange("dimension", value, 1, MaxDimension);

    public static long Samples(string name, long value) => InRange(name, value, 1, MaxSamples, SamplesReason);

    /// <summary>A whole number in [min, max]; the reason, if any, says why the limit is there.</summary>
    public static long InRange(string name, long value, long min, long max, string? reason = null)
    {
        if (value >= min && value <= max) return value;
        var why = reason is null ? "" : $" ({reason})";
        throw new JobParameterException(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}{why}, got {value}"));
    }

    /// <summary>A real number strictly between 0 and 1.</summary>
    public static double OpenUnitInterval(string name, double value)
    {
        if (value > 0 && value < 1) return value;
        throw new JobParameterException(name, string.Create(CultureInfo.InvariantCulture, $"must be strictly between 0 and 1, got {value}"));
    }
}
