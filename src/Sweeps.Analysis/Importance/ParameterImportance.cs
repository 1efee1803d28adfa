namespace Sweeps.Analysis.Importance;

/// <summary>
/// How much of the objective's variance each parameter, and each pair, explains: a random forest fitted on the trials,
/// and functional ANOVA over each tree (Hutter, Hoos and Leyton-Brown 2014), the fractions averaged over the trees.
/// This is the analysis Greff et al. ran over their LSTM search (their Fig. 5).
/// </summary>
public static class ParameterImportance
{
    /// <param name="names">The parameters, in the order of the columns of <paramref name="x"/>.</param>
    /// <param name="x">One row per trial: each parameter's value (log-scaled ranges as logarithms, choices as their index).</param>
    /// <param name="y">The objective of each trial.</param>
    /// <param name="domain">Each parameter's range, over which the marginals are averaged.</param>
    /// <param name="seed">The forest's bootstrap samples and split choices come from it: the same inputs give the same fractions.</param>
    /// <param name="marginalPoints">How many evenly spaced points of each parameter's range its marginal curve is read at.</param>
    public static ImportanceResult Compute(
        IReadOnlyList<string> names, double[][] x, double[] y, (double Low, double High)[] domain, int trees = 32, int seed = 0, int marginalPoints = 50)
    {
        if (names.Count != domain.Length) throw new ArgumentException("one domain per parameter", nameof(domain));
        if (x.Length != y.Length) throw new ArgumentException("one objective value per row", nameof(y));
        if (x.Length < 2) throw new ArgumentException("importance needs at least two trials", nameof(x));
        var d = names.Count;
        var singles = new double[d];
        var pairs = new double[d, d];
        var counted = 0;
        var marginals = Enumerable.Range(0, d).Select(_ => new List<IReadOnlyList<(double, double, double)>>()).ToArray();
        var random = new Random(seed);
        for (var t = 0; t < trees; t++)
        {
            var sample = Enumerable.Range(0, x.Length).Select(_ => random.Next(x.Length)).ToArray();
            var tree = RegressionTree.Fit(x, y, sample, domain, new TreeSettings(), random);
            var anova = new FunctionalAnova(tree, domain);
            for (var j = 0; j < d; j++) marginals[j].Add(anova.Marginal(j));
            var total = anova.TotalVariance;
            if (!(total > 0)) continue;
            counted++;
            var own = new double[d];
            for (var j = 0; j < d; j++)
            {
                own[j] = anova.MarginalVariance(j);
                singles[j] += own[j] / total;
            }
            for (var j = 0; j < d; j++)
                for (var k = j + 1; k < d; k++)
                    pairs[j, k] += Math.Max(0, anova.MarginalVariance(j, k) - own[j] - own[k]) / total;
        }
        var curves = names.Select((n, j) => (n, MarginalCurve.Average(marginals[j], MarginalCurve.Grid(domain[j], Math.Max(2, marginalPoints)))))
            .ToDictionary(p => p.n, p => p.Item2);
        if (counted == 0) return new ImportanceResult(names.ToDictionary(n => n, _ => 0.0), new Dictionary<(string, string), double>()) { Marginals = curves };
        return new ImportanceResult(
            names.Select((n, j) => (n, singles[j] / counted)).ToDictionary(p => p.n, p => p.Item2),
            Enumerable.Range(0, d).SelectMany(j => Enumerable.Range(j + 1, d - j - 1).Select(k => ((names[j], names[k]), pairs[j, k] / counted))).ToDictionary(p => p.Item1, p => p.Item2))
        {
            Marginals = curves,
        };
    }
}

/// <summary>The fraction of the objective's variance each parameter explains alone, and each pair together beyond that.</summary>
public sealed record ImportanceResult(IReadOnlyDictionary<string, double> Parameters, IReadOnlyDictionary<(string, string), double> Pairs)
{
    /// <summary>Each parameter's marginal curve, averaged over the forest's trees.</summary>
    public IReadOnlyDictionary<string, MarginalCurve> Marginals { get; init; } = new Dictionary<string, MarginalCurve>();
}
