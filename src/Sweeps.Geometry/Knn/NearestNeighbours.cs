using System.Runtime.CompilerServices;

namespace Sweeps.Geometry.Knn;

/// <summary>The k smallest squared distances seen so far, with their labels, kept sorted by insertion.</summary>
internal sealed class NearestNeighbours(int k)
{
    private readonly double[] _distances = new double[k];
    private readonly bool[] _labels = new bool[k];
    private int _count;

    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(double squaredDistance, bool label)
    {
        if (_count == _distances.Length && squaredDistance >= _distances[_count - 1]) return;
        var i = _count < _distances.Length ? _count++ : _count - 1;
        while (i > 0 && _distances[i - 1] > squaredDistance)
        {
            _distances[i] = _distances[i - 1];
            _labels[i] = _labels[i - 1];
            i--;
        }
        _distances[i] = squaredDistance;
        _labels[i] = label;
    }

    /// <summary>The majority label; a tie (even k) goes to the nearest neighbour.</summary>
    public bool Vote()
    {
        var ones = 0;
        for (var i = 0; i < _count; i++) if (_labels[i]) ones++;
        return 2 * ones == _count ? _labels[0] : 2 * ones > _count;
    }
}
