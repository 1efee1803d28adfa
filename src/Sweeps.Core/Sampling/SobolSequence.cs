namespace Sweeps.Core.Sampling;

/// <summary>
/// The Sobol sequence computed directly from the index: x_i is the XOR of the direction numbers v_k for the set bits k of i
/// (natural order, not Gray-code order; the first 2^m points are the same set either way).
/// </summary>
internal static class SobolSequence
{
    /// <summary>Coordinate <paramref name="dimension"/> of point <paramref name="index"/>, as a 64-bit binary fraction.</summary>
    public static ulong Bits(long index, int dimension)
    {
        var v = SobolDirectionNumbers.Of(dimension);
        var i = (ulong)index;
        ulong x = 0;
        for (var k = 0; i != 0; k++, i >>= 1)
            if ((i & 1) != 0) x ^= v[k];
        return x;
    }

    /// <summary>The top 53 bits as a double in [0, 1).</summary>
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
