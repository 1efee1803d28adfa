using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Lstm.Numerics;

/// <summary>The AVX kernels: the whole product on machines without AVX-512, the narrow column tails on the others.</summary>
public static partial class Gemm
{
    /// <summary>Without AVX-512: four rows by two AVX vectors (8 of the 16 registers accumulate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel256x2<T>(int m, int kc, ref T a, int ar, int ac, ref T b, int ldb, ref T c, int ldc)
        where T : unmanaged, INumber<T>
    {
        var w = (nuint)Vector256<T>.Count;
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref var a0 = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r0 = ref Unsafe.Add(ref c, (nint)i * ldc);
            ref var r1 = ref Unsafe.Add(ref r0, ldc);
            ref var r2 = ref Unsafe.Add(ref r1, ldc);
            ref var r3 = ref Unsafe.Add(ref r2, ldc);
            Vector256<T> c00 = Vector256.LoadUnsafe(ref r0), c01 = Vector256.LoadUnsafe(ref r0, w);
            Vector256<T> c10 = Vector256.LoadUnsafe(ref r1), c11 = Vector256.LoadUnsafe(ref r1, w);
            Vector256<T> c20 = Vector256.LoadUnsafe(ref r2), c21 = Vector256.LoadUnsafe(ref r2, w);
            Vector256<T> c30 = Vector256.LoadUnsafe(ref r3), c31 = Vector256.LoadUnsafe(ref r3, w);
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                var b0 = Vector256.LoadUnsafe(ref bp);
                var b1 = Vector256.LoadUnsafe(ref bp, w);
                var x = Vector256.Create(Unsafe.Add(ref a0, ap));
                c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector256.Create(Unsafe.Add(ref a0, ap + ar));
                c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector256.Create(Unsafe.Add(ref a0, ap + 2 * ar));
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector256.Create(Unsafe.Add(ref a0, ap + 3 * ar));
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            c00.StoreUnsafe(ref r0); c01.StoreUnsafe(ref r0, w);
            c10.StoreUnsafe(ref r1); c11.StoreUnsafe(ref r1, w);
            c20.StoreUnsafe(ref r2); c21.StoreUnsafe(ref r2, w);
            c30.StoreUnsafe(ref r3); c31.StoreUnsafe(ref r3, w);
        }
        for (; i < m; i++)
        {
            ref var ai = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r = ref Unsafe.Add(ref c, (nint)i * ldc);
            Vector256<T> c0 = Vector256.LoadUnsafe(ref r), c1 = Vector256.LoadUnsafe(ref r, w);
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                var x = Vector256.Create(Unsafe.Add(ref ai, ap));
                c0 = Fma(x, Vector256.LoadUnsafe(ref bp), c0);
                c1 = Fma(x, Vector256.LoadUnsafe(ref bp, w), c1);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            c0.StoreUnsafe(ref r); c1.StoreUnsafe(ref r, w);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel256x1<T>(int m, int kc, ref T a, int ar, int ac, ref T b, int ldb, ref T c, int ldc)
        where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < m; i++)
        {
            ref var ai = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r = ref Unsafe.Add(ref c, (nint)i * ldc);
            var acc = Vector256.LoadUnsafe(ref r);
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                acc = Fma(Vector256.Create(Unsafe.Add(ref ai, ap)), Vector256.LoadUnsafe(ref bp), acc);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            acc.StoreUnsafe(ref r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
        return x * y + addend;
    }
}
