using Sweeps.Geometry.Running;

namespace Sweeps.Geometry.DistanceConcentration;

/// <summary>How many random queries to make, each against its own set of points uniform in [0, 1]^D.</summary>
public sealed record DistanceConcentrationSettings
{
    public DistanceConcentrationSettings(long dimension, long points, long queries)
    {
        Dimension = ParameterCheck.Dimension(dimension);
        Points = ParameterCheck.InRange("points", points, 2, ParameterCheck.MaxSamples, "a contrast needs a nearest and a farthest point");
        Queries = ParameterCheck.InRange("queries", queries, 2, ParameterCheck.MaxSamples, "a standard error needs two queries");
        if (Points > ParameterCheck.MaxSamples / Queries)
            throw new Core.Parameters.JobParameterException("points", $"times 'queries' must be at most {ParameterCheck.MaxSamples} ({ParameterCheck.SamplesReason}), got {Points} x {Queries}");
    }

    public int Dimension { get; }
    public long Points { get; }
    public long Queries { get; }
}
