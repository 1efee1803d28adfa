namespace Sweeps.Geometry.DistanceConcentration;

/// <summary>
/// Relative contrast (d_max - d_min) / d_min averaged over queries, and the mean of its log10, which stays
/// well behaved at D = 1 and 2 where 1/d_min makes the contrast itself heavy-tailed.
/// </summary>
/// <param name="DegenerateQueries">Queries that hit a point exactly (d_min = 0, probability about N 2^-52 at D = 1): left out.</param>
public sealed record DistanceConcentrationEstimate(
    int Dimension,
    long Points,
    long Queries,
    double RelativeContrast,
    double StandardError,
    double Log10RelativeContrast,
    double Log10StandardError,
    long DegenerateQueries);
