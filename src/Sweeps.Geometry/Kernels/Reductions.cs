using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Geometry.Kernels;

/// <summary>
/// The one-pass sums the jobs need over a vector of coordinates: Vector512 with two accumulators
/// (so the adds do not wait on each other), a scalar fallback, and a scalar tail. Compiled optimised at once:
/// a short trial would otherwise spend its first 100 ms in unoptimised tier-0 code.
/// </summary>
public static class Reductions
{
    /// <summary>x.y, x.x and y.y in one pass over both vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Dot, double XX, double YY) DotAndNorms(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("vectors differ in length", nameof(y));
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        double dot = 0, xx = 0, yy = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector512<double> d0 = default, d1 = default, a0 = default, a1 = default, b0 = default, b1 = default;
            for (; i + 16 <= x.Length; i += 16)
            {
                var x0 = Vector512.LoadUnsafe(ref px, (nuint)i); var x1 = Vector512.LoadUnsafe(ref px, (nuint)(i + 8));
                var y0 = Vector512.LoadUnsafe(ref py, (nuint)i); var y1 = Vector512.LoadUnsafe(ref py, (nuint)(i + 8));
                d0 = Vector512.FusedMultiplyAdd(x0, y0, d0); d1 = Vector512.FusedMultiplyAdd(x1, y1, d1);
                a0 = Vector512.FusedMultiplyAdd(x0, x0, a0); a1 = Vector512.FusedMultiplyAdd(x1, x1, a1);
                b0 = Vector512.FusedMultiplyAdd(y0, y0, b0); b1 = Vector512.FusedMultiplyAdd(y1, y1, b1);
            }
            if (i + 8 <= x.Length)
            {
                var x0 = Vector512.LoadUnsafe(ref px, (nuint)i);
                var y0 = Vector512.LoadUnsafe(ref py, (nuint)i);
                d0 = Vector512.FusedMultiplyAdd(x0, y0, d0);
                a0 = Vector512.FusedMultiplyAdd(x0, x0, a0);
                b0 = Vector512.FusedMultiplyAdd(y0, y0, b0);
                i += 8;
            }
            dot = Vector512.Sum(d0 + d1); xx = Vector512.Sum(a0 + a1); yy = Vector512.Sum(b0 + b1);
        }
        for (; i < x.Length; i++)
        {
            var xi = Unsafe.Add(ref px, i);
            var yi = Unsafe.Add(ref py, i);
            dot += xi * yi; xx += xi * xi; yy += yi * yi;
        }
        return (dot, xx, yy);
    }

    /// <summary>The squared length of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        double sum = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector512<double> s0 = default, s1 = default;
            for (; i + 16 <= x.Length; i += 16)
            {
                var x0 = Vector512.LoadUnsafe(ref px, (nuint)i); var x1 = Vector512.LoadUnsafe(ref px, (nuint)(i + 8));
                s0 = Vector512.FusedMultiplyAdd(x0, x0, s0); s1 = Vector512.FusedMultiplyAdd(x1, x1, s1);
            }
            if (i + 8 <= x.Length)
            {
                var x0 = Vector512.LoadUnsafe(ref px, (nuint)i);
                s0 = Vector512.FusedMultiplyAdd(x0, x0, s0);
                i += 8;
            }
            sum = Vector512.Sum(s0 + s1);
        }
        for (; i < x.Length; i++)
        {
            var xi = Unsafe.Add(ref px, i);
            sum += xi * xi;
        }
        return sum;
    }

    /// <summary>The squared Euclidean distance between x and y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("vectors differ in length", nameof(y));
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        double sum = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector512<double> s0 = default, s1 = default;
            for (; i + 16 <= x.Length; i += 16)
            {
                var e0 = Vector512.LoadUnsafe(ref px, (nuint)i) - Vector512.LoadUnsafe(ref py, (nuint)i);
                var e1 = Vector512.LoadUnsafe(ref px, (nuint)(i + 8)) - Vector512.LoadUnsafe(ref py, (nuint)(i + 8));
                s0 = Vector512.FusedMultiplyAdd(e0, e0, s0); s1 = Vector512.FusedMultiplyAdd(e1, e1, s1);
            }
            if (i + 8 <= x.Length)
            {
                var e0 = Vector512.LoadUnsafe(ref px, (nuint)i) - Vector512.LoadUnsafe(ref py, (nuint)i);
                s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
                i += 8;
            }
            sum = Vector512.Sum(s0 + s1);
        }
        for (; i < x.Length; i++)
        {
            var e = Unsafe.Add(ref px, i) - Unsafe.Add(ref py, i);
            sum += e * e;
        }
        return sum;
    }
}
