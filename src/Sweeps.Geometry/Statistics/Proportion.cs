using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Sweeps.Geometry.Statistics;

/// <summary>
/// An estimated probability from <see cref="Hits"/> successes in <see cref="Trials"/> trials,
/// with a one-sided 95% upper bound that stays honest when nothing was hit.
/// </summary>
public readonly record struct Proportion(long Hits, long Trials)
{
    private static readonly double Z95OneSided = Normal.InvCDF(0, 1, 0.95);

    public double Fraction => Trials == 0 ? 0 : (double)Hits / Trials;

    /// <summary>The binomial standard error sqrt(p (1 - p) / n); 0 when nothing (or everything) was hit.</summary>
    public double StandardError => Trials == 0 ? 0 : Math.Sqrt(Fraction * (1 - Fraction) / Trials);

    /// <summary>
    /// Zero hits: the exact Clopper-Pearson bound 1 - 0.05^(1/n) (about 3/n, the rule of three).
    /// Otherwise the Wilson score bound, which never leaves [0, 1] and behaves for rare events.
    /// </summary>
    public double Upper95
    {
        get
        {
            if (Trials == 0) return 1;
            if (Hits == 0) return -SpecialFunctions.Expm1(Math.Log(0.05) / Trials);
            var n = (double)Trials;
            var p = Fraction;
            var z2 = Z95OneSided * Z95OneSided;
            var centre = p + z2 / (2 * n);
            var spread = Z95OneSided * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
            return Math.Min(1, (centre + spread) / (1 + z2 / n));
        }
    }
}
