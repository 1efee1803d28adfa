using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Sweeps.Geometry.Statistics;

/// <summary>
/// An estimated probability from <see cref="Hits"/> successes in <see cref="Trials"/> trials,
/// with a one-sided 95% upper bound that stays honest when nothing was hit.
/// </summary>
public readonly record struct Proportion(long Hits, long Trials)
{
    public double Fraction => Trials == 0 ? 0 : (double)Hits / Trials;

    /// <summary>The binomial standard error sqrt(p (1 - p) / n); 0 when nothing (or everything) was hit.</summary>
    public double StandardError => Trials == 0 ? 0 : Math.Sqrt(Fraction * (1 - Fraction) / Trials);

    /// <summary>
    /// The one-sided 95% Clopper-Pearson (exact binomial) upper bound. Zero hits: 1 - 0.05^(1/n), about 3/n (the rule of three).
    /// Below a 1% hit rate: its Poisson limit chi2(0.95; 2k + 2) / 2n, slightly conservative, where MathNet's beta
    /// quantile loses digits for n near 10^12. Otherwise the beta quantile Beta(k + 1, n - k).
    /// </summary>
    public double Upper95
    {
        get
        {
            if (Trials == 0 || Hits >= Trials) return 1;
            if (Hits == 0) return -SpecialFunctions.Expm1(Math.Log(0.05) / Trials);
            if (Fraction < 0.01) return Math.Min(1, ChiSquared.InvCDF(2.0 * (Hits + 1), 0.95) / (2.0 * Trials));
            return Beta.InvCDF(Hits + 1, Trials - Hits, 0.95);
        }
    }
}
