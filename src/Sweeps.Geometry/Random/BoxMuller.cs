using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Geometry.Random;

/// <summary>
/// Standard normal deviates by the Box-Muller transform, eight pairs per Vector512: exact in distribution
/// (no table, no rejection), so it is as good as its uniforms and its log, sqrt and sincos.
/// </summary>
/// <remarks>
/// u1 = 2 - [1, 2) lies in (0, 1], so log never sees 0; the largest deviate is sqrt(2 * 52 ln 2) = 8.5,
/// which cuts a tail of probability 1e-17. The scalar fallback uses Math's log and sincos, which may differ
/// from the vector ones in the last bit: results are reproducible per machine kind, not across them.
/// </remarks>
public readonly struct BoxMuller : ILaneMap
{
    private const double TwoPi = 2 * Math.PI;

    public static void Map(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, ref double destination)
    {
        Pair(a, b, ref destination);
        Pair(c, d, ref Unsafe.Add(ref destination, 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(Vector512<ulong> first, Vector512<ulong> second, ref double destination)
    {
        var u1 = Vector512.Create(2.0) - Affine.OneToTwo(first);
        var angle = (Affine.OneToTwo(second) - Vector512<double>.One) * Vector512.Create(TwoPi);
        var radius = Vector512.Sqrt(Vector512.Log(u1) * Vector512.Create(-2.0));
        var (sin, cos) = Vector512.SinCos(angle);
        (radius * cos).StoreUnsafe(ref destination, 0);
        (radius * sin).StoreUnsafe(ref destination, 8);
    }

    public static void MapScalar(ReadOnlySpan<ulong> words, Span<double> destination)
    {
        for (var half = 0; half < 2; half++)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                var u1 = 2.0 - Affine.OneToTwo(words[16 * half + lane]);
                var angle = (Affine.OneToTwo(words[16 * half + 8 + lane]) - 1.0) * TwoPi;
                var radius = Math.Sqrt(Math.Log(u1) * -2.0);
                var (sin, cos) = Math.SinCos(angle);
                destination[16 * half + lane] = radius * cos;
                destination[16 * half + 8 + lane] = radius * sin;
            }
        }
    }
}
