using Sweeps.Core.Parameters;

namespace Sweeps.Core.Sampling;

/// <summary>
/// A parameter space enumerated lazily and deterministically by index: point i is always the same point
/// for the same spec, and nothing is materialised (a million points cost nothing until asked for).
/// </summary>
public interface ISampler
{
    long PointCount { get; }

    /// <param name="pointIndex">0 &lt;= pointIndex &lt; <see cref="PointCount"/>.</param>
    TrialParameters PointAt(long pointIndex);
}
