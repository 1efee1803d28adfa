namespace Sweeps.Search.Tpe;

/// <summary>How wide a <see cref="JointParzen"/>'s observation kernels are on a numeric axis.</summary>
public enum JointBandwidth
{
    /// <summary>Scott's rule, one width per axis: 0.2 · n^(−1/(d+4)) · (high − low) (Optuna 2.2 to 4.x, multivariate=True).</summary>
    Scott,

    /// <summary>
    /// Each kernel's larger gap to its neighbours on that axis, as univariate TPE does (Optuna 5, which also makes
    /// multivariate its default).
    /// </summary>
    Neighbours,
}
