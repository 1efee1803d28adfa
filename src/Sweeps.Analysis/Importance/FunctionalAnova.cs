namespace Sweeps.Analysis.Importance;

/// <summary>
/// Functional ANOVA over one tree (Hutter, Hoos and Leyton-Brown 2014): a tree's prediction is constant on boxes, so
/// its marginal over any set of parameters (the others averaged uniformly over the domain) is an exact weighted sum
/// over leaves. The variance of the marginal of a set U, less its proper subsets' shares, over the total variance, is
/// the fraction of the variance U explains.
/// </summary>
internal sealed class FunctionalAnova
{
    private readonly RegressionTree _tree;
    private readonly (double Low, double High)[] _domain;
    private readonly double[][] _cuts;

    public FunctionalAnova(RegressionTree tree, (double Low, double High)[] domain)
    {
        _tree = tree;
        _domain = domain;
        // Each parameter's axis is cut at every leaf edge: on each piece, every leaf either covers it or not.
        _cuts = Enumerable.Range(0, domain.Length)
            .Select(j => tree.Leaves.SelectMany(l => new[] { l.Box[j].Low, l.Box[j].High }).Append(domain[j].Low).Append(domain[j].High).Distinct().Order().ToArray())
            .ToArray();
    }

    /// <summary>The mean prediction over the domain.</summary>
    public double Mean => _tree.Leaves.Sum(l => Volume(l, []) * l.Value);

    /// <summary>The variance of the prediction over the domain.</summary>
    public double TotalVariance
    {
        get
        {
            var mean = Mean;
            return _tree.Leaves.Sum(l => Volume(l, []) * (l.Value - mean) * (l.Value - mean));
        }
    }

    /// <summary>The variance of the marginal over one parameter.</summary>
    public double MarginalVariance(int j)
    {
        var (values, weights) = (Marginal1(j), Widths(j));
        var mean = Mean;
        return values.Select((v, i) => weights[i] * (v - mean) * (v - mean)).Sum();
    }

    /// <summary>The variance of the marginal over a pair of parameters, before their own shares are taken out.</summary>
    public double MarginalVariance(int j, int k)
    {
        var (wj, wk) = (Widths(j), Widths(k));
        // Each leaf adds its value times its volume outside j and k to the rectangle of grid cells it covers:
        // a two-dimensional difference array makes that one update per leaf, then one pass of prefix sums.
        var grid = new double[wj.Length + 1, wk.Length + 1];
        foreach (var leaf in _tree.Leaves)
        {
            var (j0, j1) = Span(leaf, j);
            var (k0, k1) = Span(leaf, k);
            var add = leaf.Value * Volume(leaf, [j, k]);
            grid[j0, k0] += add;
            grid[j1, k0] -= add;
            grid[j0, k1] -= add;
            grid[j1, k1] += add;
        }
        var mean = Mean;
        var variance = 0.0;
        var column = new double[wk.Length];
        for (var a = 0; a < wj.Length; a++)
        {
            var running = 0.0;
            for (var b = 0; b < wk.Length; b++)
            {
                running += grid[a, b];
                column[b] += running;
                variance += wj[a] * wk[b] * (column[b] - mean) * (column[b] - mean);
            }
        }
        return variance;
    }

    /// <summary>The marginal prediction of one parameter on each piece of its axis: (piece's low, high, mean prediction).</summary>
    public IReadOnlyList<(double Low, double High, double Value)> Marginal(int parameter)
    {
        var values = Marginal1(parameter);
        var cuts = _cuts[parameter];
        return values.Select((v, i) => (cuts[i], cuts[i + 1], v)).ToList();
    }

    private double[] Marginal1(int j)
    {
        var difference = new double[_cuts[j].Length];
        foreach (var leaf in _tree.Leaves)
        {
            var (from, to) = Span(leaf, j);
            var add = leaf.Value * Volume(leaf, [j]);
            difference[from] += add;
            difference[to] -= add;
        }
        var values = new double[_cuts[j].Length - 1];
        var running = 0.0;
        for (var i = 0; i < values.Length; i++) values[i] = running += difference[i];
        return values;
    }

    /// <summary>Each piece of parameter j's axis as a share of its range.</summary>
    private double[] Widths(int j)
    {
        var cuts = _cuts[j];
        var width = _domain[j].High - _domain[j].Low;
        return Enumerable.Range(0, cuts.Length - 1).Select(i => (cuts[i + 1] - cuts[i]) / width).ToArray();
    }

    /// <summary>The pieces of parameter j's axis a leaf covers, as [from, to) indices.</summary>
    private (int From, int To) Span(Leaf leaf, int j) =>
        (Array.BinarySearch(_cuts[j], leaf.Box[j].Low), Array.BinarySearch(_cuts[j], leaf.Box[j].High));

    /// <summary>The leaf's share of the domain along every parameter not in <paramref name="except"/>.</summary>
    private double Volume(Leaf leaf, int[] except)
    {
        var volume = 1.0;
        for (var j = 0; j < _domain.Length; j++)
            if (Array.IndexOf(except, j) < 0) volume *= (leaf.Box[j].High - leaf.Box[j].Low) / (_domain[j].High - _domain[j].Low);
        return volume;
    }
}
