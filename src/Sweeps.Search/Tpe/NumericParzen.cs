using MathNet.Numerics.Distributions;

namespace Sweeps.Search.Tpe;

/// <summary>
/// A Parzen estimator over one numeric range [low, high] (in the range's own scale: logarithms for log ranges): one
/// normal kernel per observation, truncated to the range, plus a prior kernel centred on it, with Optuna's univariate
/// bandwidths (the larger gap to a neighbour, clipped to between (high − low)/min(100, n + 1) and high − low).
/// </summary>
internal sealed class NumericParzen
{
    private readonly double _low, _high;
    private readonly double[] _mus, _sigmas, _weights, _logMass;

    public NumericParzen(IReadOnlyList<double> observations, IReadOnlyList<double> observationWeights, double low, double high, double priorWeight)
    {
        (_low, _high) = (low, high);
        var n = observations.Count;
        var prior = 0.5 * (low + high);
        var withPrior = observations.Append(prior).ToArray();
        var order = Enumerable.Range(0, withPrior.Length).OrderBy(i => withPrior[i]).ToArray();
        var sorted = new double[withPrior.Length + 2];
        sorted[0] = low;
        for (var i = 0; i < order.Length; i++) sorted[i + 1] = withPrior[order[i]];
        sorted[^1] = high;
        var sortedSigmas = new double[withPrior.Length];
        for (var i = 0; i < sortedSigmas.Length; i++) sortedSigmas[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (sorted.Length >= 4)
        {
            // Optuna leaves the range's ends out of the outermost kernels' bandwidths (consider_endpoints = false).
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[^1] = sorted[^2] - sorted[^3];
        }
        var sigmas = new double[withPrior.Length];
        for (var i = 0; i < order.Length; i++) sigmas[order[i]] = sortedSigmas[i];

        var width = high - low;
        var (minSigma, maxSigma) = (width / Math.Min(100.0, 1.0 + withPrior.Length), width);
        _mus = withPrior;
        _sigmas = sigmas.Select(s => Math.Clamp(s, minSigma, maxSigma)).ToArray();
        _sigmas[n] = width; // the prior's kernel spans the range
        var weights = observationWeights.Append(priorWeight).ToArray();
        var total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
        _logMass = new double[_mus.Length];
        for (var k = 0; k < _mus.Length; k++)
            _logMass[k] = Math.Log(Math.Max(Normal.CDF(_mus[k], _sigmas[k], high) - Normal.CDF(_mus[k], _sigmas[k], low), 1e-300));
    }

    /// <summary>One draw: a kernel chosen by weight, then a truncated normal draw by inverting its distribution function.</summary>
    public double Sample(ref SplitMixStream random)
    {
        var k = Pick(_weights, random.NextUnit());
        var (mu, sigma) = (_mus[k], _sigmas[k]);
        var (a, b) = (Normal.CDF(mu, sigma, _low), Normal.CDF(mu, sigma, _high));
        var u = a + (b - a) * random.NextUnit();
        var x = b - a > 1e-12 ? Normal.InvCDF(mu, sigma, u) : mu;
        return Math.Clamp(double.IsFinite(x) ? x : mu, _low, _high);
    }

    public double LogDensity(double x)
    {
        var terms = new double[_mus.Length];
        for (var k = 0; k < _mus.Length; k++)
        {
            var z = (x - _mus[k]) / _sigmas[k];
            terms[k] = Math.Log(_weights[k]) - 0.5 * z * z - Math.Log(_sigmas[k] * Math.Sqrt(2 * Math.PI)) - _logMass[k];
        }
        return LogSumExp(terms);
    }

    internal static int Pick(double[] weights, double u)
    {
        var cumulative = 0.0;
        for (var k = 0; k < weights.Length; k++)
        {
            cumulative += weights[k];
            if (u < cumulative) return k;
        }
        return weights.Length - 1;
    }

    internal static double LogSumExp(double[] terms)
    {
        var max = terms.Max();
        if (double.IsNegativeInfinity(max)) return max;
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }
}
