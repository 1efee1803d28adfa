namespace Sweeps.Core.Sampling;

/// <summary>
/// Joe and Kuo's direction numbers (2008, file <c>new-joe-kuo-6.21201</c>) for dimensions 2 to 32, expanded to 64 bits.
/// Dimension 1 is van der Corput's sequence and needs no row.
/// </summary>
internal static class SobolDirectionNumbers
{
    public const int Bits = 64;

    /// <summary>One row per dimension from 2: s (degree of the primitive polynomial), a (its inner coefficients), m_1..m_s.</summary>
    private static readonly int[][] JoeKuo =
    [
        [1, 0, 1],
        [2, 1, 1, 3],
        [3, 1, 1, 3, 1],
        [3, 2, 1, 1, 1],
        [4, 1, 1, 1, 3, 3],
        [4, 4, 1, 3, 5, 13],
        [5, 2, 1, 1, 5, 5, 17],
        [5, 4, 1, 1, 5, 5, 5],
        [5, 7, 1, 1, 7, 11, 19],
        [5, 11, 1, 1, 5, 1, 1],
        [5, 13, 1, 1, 1, 3, 11],
        [5, 14, 1, 3, 5, 5, 31],
        [6, 1, 1, 3, 3, 9, 7, 49],
        [6, 13, 1, 1, 1, 15, 21, 21],
        [6, 16, 1, 3, 1, 13, 27, 49],
        [6, 19, 1, 1, 1, 15, 7, 5],
        [6, 22, 1, 3, 1, 15, 13, 25],
        [6, 25, 1, 1, 5, 5, 19, 61],
        [7, 1, 1, 3, 7, 11, 23, 15, 103],
        [7, 4, 1, 3, 7, 13, 13, 15, 69],
        [7, 7, 1, 1, 3, 13, 7, 35, 63],
        [7, 8, 1, 3, 5, 9, 1, 25, 53],
        [7, 14, 1, 3, 1, 13, 9, 35, 107],
        [7, 19, 1, 3, 1, 5, 27, 61, 31],
        [7, 21, 1, 1, 5, 11, 19, 41, 61],
        [7, 28, 1, 3, 5, 3, 3, 13, 69],
        [7, 31, 1, 1, 7, 13, 1, 19, 1],
        [7, 32, 1, 3, 7, 5, 13, 19, 59],
        [7, 37, 1, 1, 3, 9, 25, 29, 41],
        [7, 41, 1, 3, 5, 13, 23, 1, 55],
        [7, 42, 1, 3, 7, 3, 13, 59, 17],
    ];

    public static int MaxDimensions => JoeKuo.Length + 1;

    private static readonly ulong[][] Directions = Build();

    /// <summary>v_1..v_64 of a dimension (0-based), as 64-bit binary fractions: bit k of the index XORs in element k.</summary>
    public static ReadOnlySpan<ulong> Of(int dimension) => Directions[dimension];

    private static ulong[][] Build()
    {
        var all = new ulong[MaxDimensions][];
        all[0] = new ulong[Bits];
        for (var k = 0; k < Bits; k++) all[0][k] = 1UL << (Bits - 1 - k);
        for (var d = 1; d < MaxDimensions; d++)
        {
            var row = JoeKuo[d - 1];
            int s = row[0], a = row[1];
            var v = new ulong[Bits];
            for (var k = 0; k < s; k++) v[k] = (ulong)row[2 + k] << (Bits - 1 - k);
            for (var k = s; k < Bits; k++)
            {
                v[k] = v[k - s] ^ (v[k - s] >> s);
                for (var j = 1; j < s; j++)
                    if (((a >> (s - 1 - j)) & 1) != 0) v[k] ^= v[k - j];
            }
            all[d] = v;
        }
        return all;
    }
}
