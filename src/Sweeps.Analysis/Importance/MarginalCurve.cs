namespace Sweeps.Analysis.Importance;

/// <summary>
/// A parameter's marginal: the forest's prediction with the other parameters averaged uniformly over their ranges, at
/// evenly spaced points of the parameter's range, as the mean over the trees and its spread between them.
/// </summary>
/// <param name="At">The parameter's values (on the scale the forest was fitted on: logarithms for log ranges, indices for choices).</param>
/// <param name="Mean">The mean over the trees of each tree's marginal at each point.</param>
/// <param name="StandardDeviation">The spread of the trees' marginals at each point.</param>
public sealed record MarginalCurve(double[] At, double[] Mean, double[] StandardDeviation)
{
    /// <summary>The curve of one parameter from each tree's piecewise-constant marginal, read at the given points.</summary>
    internal static MarginalCurve Average(IReadOnlyList<IReadOnlyList<(double Low, double High, double Value)>> perTree, double[] at)
    {
        var mean = new double[at.Length];
        var std = new double[at.Length];
        for (var i = 0; i < at.Length; i++)
        {
            var values = perTree.Select(pieces => ValueAt(pieces, at[i])).ToArray();
            var m = values.Average();
            mean[i] = m;
            std[i] = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (values.Length - 1)) : 0;
        }
        return new MarginalCurve(at, mean, std);
    }

    /// <summary>Evenly spaced points across a range, both ends included.</summary>
    internal static double[] Grid((double Low, double High) range, int points) =>
        Enumerable.Range(0, points).Select(i => range.Low + (range.High - range.Low) * i / (points - 1)).ToArray();

    /// <summary>The value of the first piece whose high end is at or above x (pieces run in order along the axis).</summary>
    private static double ValueAt(IReadOnlyList<(double Low, double High, double Value)> pieces, double x)
    {
        var (low, high) = (0, pieces.Count - 1);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (pieces[middle].High >= x) high = middle;
            else low = middle + 1;
        }
        return pieces[low].Value;
    }
}
