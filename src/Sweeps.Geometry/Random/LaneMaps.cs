using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Geometry.Random;

// The top 52 bits of a word under the exponent of 1.0 make a double uniform in [1, 2) exactly;
// subtracting 1 (or 3 from twice it) is exact, so every map below is exact and branch-free.

/// <summary>The words themselves, reinterpreted as doubles (read them back as <c>ulong</c>).</summary>
public readonly struct RawBits : ILaneMap
{
    public static void Map(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, ref double destination)
    {
        ref var dst = ref Unsafe.As<double, ulong>(ref destination);
        a.StoreUnsafe(ref dst, 0); b.StoreUnsafe(ref dst, 8); c.StoreUnsafe(ref dst, 16); d.StoreUnsafe(ref dst, 24);
    }

    public static void MapScalar(ReadOnlySpan<ulong> words, Span<double> destination)
    {
        for (var i = 0; i < words.Length; i++) destination[i] = BitConverter.UInt64BitsToDouble(words[i]);
    }
}

/// <summary>Uniform in [0, 1), 52 random bits.</summary>
public readonly struct UnitInterval : ILaneMap
{
    public static void Map(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, ref double destination) =>
        Affine.Store(a, b, c, d, 1.0, -1.0, ref destination);

    public static void MapScalar(ReadOnlySpan<ulong> words, Span<double> destination) => Affine.StoreScalar(words, 1.0, -1.0, destination);
}

/// <summary>Uniform in [-1, 1): the coordinates of the angle experiment.</summary>
public readonly struct SignedInterval : ILaneMap
{
    public static void Map(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, ref double destination) =>
        Affine.Store(a, b, c, d, 2.0, -3.0, ref destination);

    public static void MapScalar(ReadOnlySpan<ulong> words, Span<double> destination) => Affine.StoreScalar(words, 2.0, -3.0, destination);
}

/// <summary>Uniform in [-1/2, 1/2): the unit cube centred on the origin.</summary>
public readonly struct CenteredInterval : ILaneMap
{
    public static void Map(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, ref double destination) =>
        Affine.Store(a, b, c, d, 1.0, -1.5, ref destination);

    public static void MapScalar(ReadOnlySpan<ulong> words, Span<double> destination) => Affine.StoreScalar(words, 1.0, -1.5, destination);
}

internal static class Affine
{
    private const ulong ExponentOfOne = 0x3FF0000000000000UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> OneToTwo(Vector512<ulong> words) => ((words >>> 12) | Vector512.Create(ExponentOfOne)).AsDouble();

    public static double OneToTwo(ulong word) => BitConverter.UInt64BitsToDouble((word >> 12) | ExponentOfOne);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, double scale, double offset, ref double destination)
    {
        var s = Vector512.Create(scale);
        var o = Vector512.Create(offset);
        Vector512.FusedMultiplyAdd(OneToTwo(a), s, o).StoreUnsafe(ref destination, 0);
        Vector512.FusedMultiplyAdd(OneToTwo(b), s, o).StoreUnsafe(ref destination, 8);
        Vector512.FusedMultiplyAdd(OneToTwo(c), s, o).StoreUnsafe(ref destination, 16);
        Vector512.FusedMultiplyAdd(OneToTwo(d), s, o).StoreUnsafe(ref destination, 24);
    }

    public static void StoreScalar(ReadOnlySpan<ulong> words, double scale, double offset, Span<double> destination)
    {
        for (var i = 0; i < words.Length; i++) destination[i] = Math.FusedMultiplyAdd(OneToTwo(words[i]), scale, offset);
    }
}
