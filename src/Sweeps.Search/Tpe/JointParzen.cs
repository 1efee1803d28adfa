using MathNet.Numerics.Distributions;

namespace Sweeps.Search.Tpe;

/// <summary>One axis of a <see cref="JointParzen"/>: a numeric range [low, high] in its own scale, or a list of choices.</summary>
internal sealed record JointAxis(double Low, double High, int Choices)
{
    public static JointAxis Range(double low, double high) => new(low, high, 0);

    public static JointAxis Choice(int choices) => new(0, 0, choices);

    public bool IsChoice => Choices > 0;
}

/// <summary>
/// A Parzen estimator over several parameters at once, as Optuna's multivariate TPE builds it: a mixture of one kernel
/// per observation plus a prior kernel, each kernel a product over the axes. On a numeric axis a kernel is a normal
/// truncated to the range, its bandwidth (<see cref="JointBandwidth"/>) clipped to between (high − low)/min(100, n + 2)
/// and high − low; the prior's is centred on the range and as wide as it. On a choice axis
/// a kernel is Optuna's row: 1 on the observed choice plus priorWeight/(n + 1) on each, normalised; the prior's is uniform.
/// </summary>
/// <remarks>
/// A point is a double per axis: the value in the range's scale, or the index of the choice. Drawing picks one kernel by
/// weight and draws every axis from it, so parameters that were good together are suggested together.
/// </remarks>
internal sealed class JointParzen
{
    private readonly JointAxis[] _axes;
    private readonly double[][] _points; // kernel k's centre: the observations, then the prior (mid-range; no choice)
    private readonly double[] _weights, _logWeights;
    private readonly double[][] _sigmas, _logMass; // [kernel][axis]: the bandwidth; log of the kernel's mass inside the range
    private readonly double _smoothing;

    /// <param name="observations">One point per observation, oldest first, a value per axis.</param>
    public JointParzen(IReadOnlyList<JointAxis> axes, IReadOnlyList<double[]> observations, IReadOnlyList<double> observationWeights, double priorWeight,
        JointBandwidth bandwidth = JointBandwidth.Neighbours)
    {
        _axes = [.. axes];
        var n = observations.Count;
        var dimensions = _axes.Count(a => !a.IsChoice || a.Choices > 1); // Optuna leaves single-valued parameters out
        _points = [.. observations, _axes.Select(a => a.IsChoice ? -1 : 0.5 * (a.Low + a.High)).ToArray()];
        var weights = observationWeights.Append(priorWeight).ToArray();
        var total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
        _logWeights = _weights.Select(w => Math.Log(w)).ToArray();
        _smoothing = priorWeight / (n + 1);

        _sigmas = _points.Select(_ => new double[_axes.Length]).ToArray();
        for (var d = 0; d < _axes.Length; d++)
        {
            if (_axes[d].IsChoice) continue;
            var width = _axes[d].High - _axes[d].Low;
            var widths = bandwidth == JointBandwidth.Scott
                ? Enumerable.Repeat(0.2 * Math.Pow(Math.Max(n, 1), -1.0 / (dimensions + 4)) * width, n).ToArray()
                : Gaps(observations.Select(o => o[d]).ToArray(), _axes[d].Low, _axes[d].High);
            for (var k = 0; k < n; k++) _sigmas[k][d] = Math.Clamp(widths[k], width / Math.Min(100.0, n + 2.0), width);
            _sigmas[n][d] = width;
        }
        _logMass = new double[_points.Length][];
        for (var k = 0; k < _points.Length; k++)
        {
            _logMass[k] = new double[_axes.Length];
            for (var d = 0; d < _axes.Length; d++)
            {
                if (_axes[d].IsChoice) continue;
                var (mu, sigma) = (_points[k][d], _sigmas[k][d]);
                _logMass[k][d] = Math.Log(Math.Max(Normal.CDF(mu, sigma, _axes[d].High) - Normal.CDF(mu, sigma, _axes[d].Low), 1e-300));
            }
        }
    }

    /// <summary>One draw: a kernel chosen by weight, then every axis from that kernel.</summary>
    public double[] Sample(ref SplitMixStream random)
    {
        var k = NumericParzen.Pick(_weights, random.NextUnit());
        var point = new double[_axes.Length];
        for (var d = 0; d < _axes.Length; d++)
        {
            var axis = _axes[d];
            if (axis.IsChoice)
            {
                point[d] = PickChoice(k, d, random.NextUnit());
                continue;
            }
            var (mu, sigma) = (_points[k][d], _sigmas[k][d]);
            var (a, b) = (Normal.CDF(mu, sigma, axis.Low), Normal.CDF(mu, sigma, axis.High));
            var u = a + (b - a) * random.NextUnit();
            var x = b - a > 1e-12 ? Normal.InvCDF(mu, sigma, u) : mu;
            point[d] = Math.Clamp(double.IsFinite(x) ? x : mu, axis.Low, axis.High);
        }
        return point;
    }

    /// <summary>log Σ_k w_k Π_d kernel_{k,d}(x_d).</summary>
    public double LogDensity(double[] point)
    {
        var terms = new double[_points.Length];
        for (var k = 0; k < _points.Length; k++)
        {
            var term = _logWeights[k];
            for (var d = 0; d < _axes.Length; d++)
            {
                if (_axes[d].IsChoice)
                {
                    term += Math.Log(ChoiceProbability(k, d, (int)point[d]));
                    continue;
                }
                var sigma = _sigmas[k][d];
                var z = (point[d] - _points[k][d]) / sigma;
                term += -0.5 * z * z - Math.Log(sigma * Math.Sqrt(2 * Math.PI)) - _logMass[k][d];
            }
            terms[k] = term;
        }
        return NumericParzen.LogSumExp(terms);
    }

    private bool IsPrior(int k) => k == _points.Length - 1;

    /// <summary>Each value's larger gap to its neighbours (the range's ends count, except beside the outermost values).</summary>
    private static double[] Gaps(double[] values, double low, double high)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var sorted = new double[values.Length + 2];
        (sorted[0], sorted[^1]) = (low, high);
        for (var i = 0; i < order.Length; i++) sorted[i + 1] = values[order[i]];
        var gaps = new double[values.Length];
        for (var i = 0; i < order.Length; i++) gaps[order[i]] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (sorted.Length >= 4)
        {
            // Optuna leaves the range's ends out of the outermost kernels' bandwidths (consider_endpoints = false)
            gaps[order[0]] = sorted[2] - sorted[1];
            gaps[order[^1]] = sorted[^2] - sorted[^3];
        }
        return gaps;
    }

    /// <summary>Kernel k's probability of a choice: the prior's is uniform; an observation's is (s + [observed]) / (1 + C·s).</summary>
    private double ChoiceProbability(int k, int d, int choice)
    {
        var choices = _axes[d].Choices;
        if (IsPrior(k)) return 1.0 / choices;
        var observed = (int)_points[k][d] == choice ? 1.0 : 0.0;
        return (_smoothing + observed) / (1 + choices * _smoothing);
    }

    private int PickChoice(int k, int d, double u)
    {
        var cumulative = 0.0;
        for (var c = 0; c < _axes[d].Choices; c++)
        {
            cumulative += ChoiceProbability(k, d, c);
            if (u < cumulative) return c;
        }
        return _axes[d].Choices - 1;
    }
}
