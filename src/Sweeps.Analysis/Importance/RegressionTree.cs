namespace Sweeps.Analysis.Importance;

/// <summary>
/// A regression tree (CART, splits chosen by the largest fall in squared error among a random subset of parameters),
/// kept as its leaves: each leaf is a box of the parameter space with the mean objective of its trials, which is what
/// functional ANOVA needs.
/// </summary>
internal sealed class RegressionTree
{
    private RegressionTree(IReadOnlyList<Leaf> leaves) => Leaves = leaves;

    /// <summary>The leaves: boxes that partition the domain, each with its prediction.</summary>
    public IReadOnlyList<Leaf> Leaves { get; }

    /// <param name="x">Rows of parameter values, each inside <paramref name="domain"/>.</param>
    /// <param name="rows">The rows this tree is fitted on (a bootstrap sample; repeats allowed).</param>
    public static RegressionTree Fit(double[][] x, double[] y, int[] rows, (double Low, double High)[] domain, TreeSettings settings, Random random)
    {
        var leaves = new List<Leaf>();
        Grow(x, y, rows, domain.ToArray(), 0, settings, random, leaves);
        return new RegressionTree(leaves);
    }

    public double Predict(ReadOnlySpan<double> point)
    {
        foreach (var leaf in Leaves)
            if (leaf.Contains(point)) return leaf.Value;
        throw new ArgumentException("the point lies outside the tree's domain", nameof(point));
    }

    private static void Grow(double[][] x, double[] y, int[] rows, (double Low, double High)[] box, int depth, TreeSettings settings, Random random, List<Leaf> leaves)
    {
        var mean = rows.Average(r => y[r]);
        if (rows.Length < settings.MinSplit || depth >= settings.MaxDepth || rows.All(r => y[r] == y[rows[0]]) || BestSplit(x, y, rows, box.Length, settings, random) is not { } split)
        {
            leaves.Add(new Leaf(box, mean));
            return;
        }
        var left = rows.Where(r => x[r][split.Parameter] <= split.Threshold).ToArray();
        var right = rows.Where(r => x[r][split.Parameter] > split.Threshold).ToArray();
        var leftBox = box.ToArray();
        leftBox[split.Parameter] = (box[split.Parameter].Low, split.Threshold);
        var rightBox = box.ToArray();
        rightBox[split.Parameter] = (split.Threshold, box[split.Parameter].High);
        Grow(x, y, left, leftBox, depth + 1, settings, random, leaves);
        Grow(x, y, right, rightBox, depth + 1, settings, random, leaves);
    }

    private static (int Parameter, double Threshold)? BestSplit(double[][] x, double[] y, int[] rows, int parameters, TreeSettings settings, Random random)
    {
        var candidates = Enumerable.Range(0, parameters).OrderBy(_ => random.Next()).Take(Math.Max(1, (int)Math.Ceiling(settings.ParameterShare * parameters)));
        (int Parameter, double Threshold)? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var p in candidates)
        {
            var sorted = rows.OrderBy(r => x[r][p]).ToArray();
            var (totalSum, totalSquares) = (sorted.Sum(r => y[r]), sorted.Sum(r => y[r] * y[r]));
            var (sum, squares) = (0.0, 0.0);
            for (var i = 0; i < sorted.Length - 1; i++)
            {
                sum += y[sorted[i]];
                squares += y[sorted[i]] * y[sorted[i]];
                var (here, next) = (x[sorted[i]][p], x[sorted[i + 1]][p]);
                if (here == next || i + 1 < settings.MinLeaf || sorted.Length - i - 1 < settings.MinLeaf) continue;
                var (nLeft, nRight) = (i + 1.0, sorted.Length - i - 1.0);
                var error = squares - sum * sum / nLeft + (totalSquares - squares) - (totalSum - sum) * (totalSum - sum) / nRight;
                if (error < bestError) (bestError, best) = (error, (p, (here + next) / 2));
            }
        }
        return best;
    }
}

/// <summary>A box of the parameter space (low exclusive except at the domain's edge, high inclusive) and its prediction.</summary>
internal sealed record Leaf((double Low, double High)[] Box, double Value)
{
    public bool Contains(ReadOnlySpan<double> point)
    {
        for (var j = 0; j < Box.Length; j++)
            if (point[j] < Box[j].Low || point[j] > Box[j].High) return false;
        return true;
    }
}

/// <param name="ParameterShare">The share of parameters tried at each split (random forests' mtry).</param>
internal sealed record TreeSettings(int MinSplit = 4, int MinLeaf = 2, int MaxDepth = 40, double ParameterShare = 5.0 / 6);
