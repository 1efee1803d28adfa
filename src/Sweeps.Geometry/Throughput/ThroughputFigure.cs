namespace Sweeps.Geometry;

/// <summary>How fast one job kind ran at one dimension on one core, in its own unit (pairs, samples, points, distances).</summary>
/// <param name="PerSecond">Units per second of wall-clock time.</param>
/// <param name="ReferencePerSecond">The plain C (-O3, xoshiro256+) figure measured on this kind of machine, where one exists.</param>
/// <param name="PerCpuSecond">Units per second of the process's CPU time: steadier than wall time on a shared, busy machine.</param>
public sealed record ThroughputFigure(string JobKind, int Dimension, string Unit, double PerSecond, double? ReferencePerSecond = null, double? PerCpuSecond = null)
{
    /// <summary>How many times the reference's speed; null without a reference.</summary>
    public double? RatioToReference => ReferencePerSecond is { } reference ? PerSecond / reference : null;
}
