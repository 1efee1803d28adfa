namespace Sweeps.Search.Tpe;

/// <summary>
/// A Parzen estimator over a list of choices, as Optuna builds it: each observation is a kernel putting weight 1 on its
/// choice plus priorWeight/(n + 1) on every choice; a prior kernel puts priorWeight/(n + 1) on every choice.
/// </summary>
internal sealed class CategoricalParzen
{
    private readonly double[] _probabilities;

    public CategoricalParzen(IReadOnlyList<int> observations, IReadOnlyList<double> observationWeights, int choices, double priorWeight)
    {
        var kernels = observations.Count + 1;
        var smoothing = priorWeight / kernels;
        var mixture = observationWeights.Append(priorWeight).ToArray();
        var total = mixture.Sum();
        _probabilities = new double[choices];
        for (var k = 0; k < kernels; k++)
        {
            var row = new double[choices];
            Array.Fill(row, smoothing);
            if (k < observations.Count) row[observations[k]] += 1;
            var rowTotal = row.Sum();
            for (var c = 0; c < choices; c++) _probabilities[c] += mixture[k] / total * row[c] / rowTotal;
        }
    }

    public int Sample(ref SplitMixStream random) => NumericParzen.Pick(_probabilities, random.NextUnit());

    public double LogDensity(int choice) => Math.Log(_probabilities[choice]);
}
