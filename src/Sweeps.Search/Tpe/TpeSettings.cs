namespace Sweeps.Search.Tpe;

/// <summary>TPE's knobs, with Optuna's defaults (Bergstra et al. 2011 as Optuna runs it).</summary>
/// <param name="StartupTrials">The first trials are drawn at random, exactly as <c>sampler: random</c> would draw them.</param>
/// <param name="Candidates">Draws from l(x) among which the one maximising l(x)/g(x) is kept.</param>
/// <param name="PriorWeight">The weight of the prior kernel (a wide one centred on the range) in each estimator.</param>
/// <param name="Multivariate">
/// Optuna's <c>multivariate=True</c>: one estimator over all parameters together (<see cref="JointParzen"/>), so that
/// parameters which are good together are drawn together; false: one estimator per parameter.
/// </param>
/// <param name="Bandwidth">
/// With <paramref name="Multivariate"/>: how wide the joint estimator's kernels are; Optuna 5's neighbour gaps by default,
/// which beat Scott's rule on Branin and Hartmann-6 (<c>sweeps bench search</c>).
/// </param>
public sealed record TpeSettings(int StartupTrials = 10, int Candidates = 24, double PriorWeight = 1.0, bool Multivariate = false,
    JointBandwidth Bandwidth = JointBandwidth.Neighbours)
{
    public static TpeSettings Optuna { get; } = new();

    /// <summary>Optuna's defaults with <c>multivariate=True</c>.</summary>
    public static TpeSettings OptunaMultivariate { get; } = new(Multivariate: true);

    /// <summary>How many of the <paramref name="finished"/> trials count as good: γ(n) = min(⌈0.1 n⌉, 25).</summary>
    public static int Good(int finished) => Math.Min((int)Math.Ceiling(0.1 * finished), 25);

    /// <summary>
    /// Observation weights, oldest first: all 1 below 25 observations; beyond, the oldest n − 25 ramp up from 1/n to 1
    /// and the newest 25 weigh 1 (Optuna's default_weights).
    /// </summary>
    public static double[] Weights(int observations)
    {
        var weights = new double[observations];
        var ramp = observations - 25;
        for (var i = 0; i < observations; i++)
            weights[i] = i < ramp ? (ramp == 1 ? 1.0 / observations : 1.0 / observations + i * (1 - 1.0 / observations) / (ramp - 1)) : 1;
        return weights;
    }
}
