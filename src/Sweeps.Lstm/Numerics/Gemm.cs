using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Lstm.Numerics;

/// <summary>
/// C += A B for row-major matrices, register-blocked for AVX-512 (AVX2 and scalar fallbacks).
/// A is read through a row stride and a column stride, so a transposed A costs nothing.
/// </summary>
public static partial class Gemm
{
    private const int KBlock = 256;

    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="a">A(i, p) = a[i * aRowStride + p * aColStride].</param>
    /// <param name="b">B(p, j) = b[p * ldb + j].</param>
    /// <param name="c">C(i, j) = c[i * ldc + j].</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int aRowStride, int aColStride,
        ReadOnlySpan<T> b, int ldb,
        Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        if (m <= 0 || n <= 0 || k <= 0) return;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        Span<T> scratch = m >= 8 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= 4 * Vector512<T>.Count
            ? stackalloc T[KBlock * 4 * Vector512<T>.Count]
            : [];
        for (var k0 = 0; k0 < k; k0 += KBlock)
        {
            var kc = Math.Min(KBlock, k - k0);
            ref var ak = ref Unsafe.Add(ref a0, (nint)k0 * aColStride);
            ref var bk = ref Unsafe.Add(ref b0, (nint)k0 * ldb);
            var j = 0;
            if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            {
                var w = Vector512<T>.Count;
                for (; j + 4 * w <= n; j += 4 * w)
                {
                    if (m < 8)
                    {
                        Panel512x4(m, kc, ref ak, aRowStride, aColStride, ref Unsafe.Add(ref bk, j), ldb, ref Unsafe.Add(ref c0, j), ldc);
                        continue;
                    }
                    // Many rows reuse this panel of B: copy it to contiguous memory first, so that rows of B a power
                    // of two apart (2 KB for 512 gate columns) stop evicting each other from the L1 cache.
                    var panel = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(scratch), kc * 4 * w);
                    for (var p = 0; p < kc; p++)
                        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref bk, (nint)p * ldb + j), 4 * w).CopyTo(panel.Slice(p * 4 * w));
                    Panel512x4(m, kc, ref ak, aRowStride, aColStride, ref MemoryMarshal.GetReference(panel), 4 * w, ref Unsafe.Add(ref c0, j), ldc);
                }
                for (; j + w <= n; j += w)
                    Panel512x1(m, kc, ref ak, aRowStride, aColStride, ref Unsafe.Add(ref bk, j), ldb, ref Unsafe.Add(ref c0, j), ldc);
            }
            if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            {
                var w = Vector256<T>.Count;
                for (; j + 2 * w <= n; j += 2 * w)
                    Panel256x2(m, kc, ref ak, aRowStride, aColStride, ref Unsafe.Add(ref bk, j), ldb, ref Unsafe.Add(ref c0, j), ldc);
                for (; j + w <= n; j += w)
                    Panel256x1(m, kc, ref ak, aRowStride, aColStride, ref Unsafe.Add(ref bk, j), ldb, ref Unsafe.Add(ref c0, j), ldc);
            }
            if (j < n) PanelScalar(m, n - j, kc, ref ak, aRowStride, aColStride, ref Unsafe.Add(ref bk, j), ldb, ref Unsafe.Add(ref c0, j), ldc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel512x4<T>(int m, int kc, ref T a, int ar, int ac, ref T b, int ldb, ref T c, int ldc)
        where T : unmanaged, INumber<T>
    {
        var w = (nuint)Vector512<T>.Count;
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref var a0 = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var a1 = ref Unsafe.Add(ref a0, ar);
            ref var a2 = ref Unsafe.Add(ref a1, ar);
            ref var a3 = ref Unsafe.Add(ref a2, ar);
            ref var r0 = ref Unsafe.Add(ref c, (nint)i * ldc);
            ref var r1 = ref Unsafe.Add(ref r0, ldc);
            ref var r2 = ref Unsafe.Add(ref r1, ldc);
            ref var r3 = ref Unsafe.Add(ref r2, ldc);
            Vector512<T> c00 = Vector512.LoadUnsafe(ref r0), c01 = Vector512.LoadUnsafe(ref r0, w), c02 = Vector512.LoadUnsafe(ref r0, 2 * w), c03 = Vector512.LoadUnsafe(ref r0, 3 * w);
            Vector512<T> c10 = Vector512.LoadUnsafe(ref r1), c11 = Vector512.LoadUnsafe(ref r1, w), c12 = Vector512.LoadUnsafe(ref r1, 2 * w), c13 = Vector512.LoadUnsafe(ref r1, 3 * w);
            Vector512<T> c20 = Vector512.LoadUnsafe(ref r2), c21 = Vector512.LoadUnsafe(ref r2, w), c22 = Vector512.LoadUnsafe(ref r2, 2 * w), c23 = Vector512.LoadUnsafe(ref r2, 3 * w);
            Vector512<T> c30 = Vector512.LoadUnsafe(ref r3), c31 = Vector512.LoadUnsafe(ref r3, w), c32 = Vector512.LoadUnsafe(ref r3, 2 * w), c33 = Vector512.LoadUnsafe(ref r3, 3 * w);
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                var b0 = Vector512.LoadUnsafe(ref bp);
                var b1 = Vector512.LoadUnsafe(ref bp, w);
                var b2 = Vector512.LoadUnsafe(ref bp, 2 * w);
                var b3 = Vector512.LoadUnsafe(ref bp, 3 * w);
                var x = Vector512.Create(Unsafe.Add(ref a0, ap));
                c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01); c02 = Fma(x, b2, c02); c03 = Fma(x, b3, c03);
                x = Vector512.Create(Unsafe.Add(ref a1, ap));
                c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11); c12 = Fma(x, b2, c12); c13 = Fma(x, b3, c13);
                x = Vector512.Create(Unsafe.Add(ref a2, ap));
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21); c22 = Fma(x, b2, c22); c23 = Fma(x, b3, c23);
                x = Vector512.Create(Unsafe.Add(ref a3, ap));
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31); c32 = Fma(x, b2, c32); c33 = Fma(x, b3, c33);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            c00.StoreUnsafe(ref r0); c01.StoreUnsafe(ref r0, w); c02.StoreUnsafe(ref r0, 2 * w); c03.StoreUnsafe(ref r0, 3 * w);
            c10.StoreUnsafe(ref r1); c11.StoreUnsafe(ref r1, w); c12.StoreUnsafe(ref r1, 2 * w); c13.StoreUnsafe(ref r1, 3 * w);
            c20.StoreUnsafe(ref r2); c21.StoreUnsafe(ref r2, w); c22.StoreUnsafe(ref r2, 2 * w); c23.StoreUnsafe(ref r2, 3 * w);
            c30.StoreUnsafe(ref r3); c31.StoreUnsafe(ref r3, w); c32.StoreUnsafe(ref r3, 2 * w); c33.StoreUnsafe(ref r3, 3 * w);
        }
        for (; i < m; i++)
        {
            ref var ai = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r = ref Unsafe.Add(ref c, (nint)i * ldc);
            Vector512<T> c0 = Vector512.LoadUnsafe(ref r), c1 = Vector512.LoadUnsafe(ref r, w), c2 = Vector512.LoadUnsafe(ref r, 2 * w), c3 = Vector512.LoadUnsafe(ref r, 3 * w);
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                var x = Vector512.Create(Unsafe.Add(ref ai, ap));
                c0 = Fma(x, Vector512.LoadUnsafe(ref bp), c0);
                c1 = Fma(x, Vector512.LoadUnsafe(ref bp, w), c1);
                c2 = Fma(x, Vector512.LoadUnsafe(ref bp, 2 * w), c2);
                c3 = Fma(x, Vector512.LoadUnsafe(ref bp, 3 * w), c3);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            c0.StoreUnsafe(ref r); c1.StoreUnsafe(ref r, w); c2.StoreUnsafe(ref r, 2 * w); c3.StoreUnsafe(ref r, 3 * w);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel512x1<T>(int m, int kc, ref T a, int ar, int ac, ref T b, int ldb, ref T c, int ldc)
        where T : unmanaged, INumber<T>
    {
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref var a0 = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r0 = ref Unsafe.Add(ref c, (nint)i * ldc);
            Vector512<T> c0 = Vector512.LoadUnsafe(ref r0), c1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref r0, ldc)),
                c2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref r0, 2 * ldc)), c3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref r0, 3 * ldc));
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                var bv = Vector512.LoadUnsafe(ref bp);
                c0 = Fma(Vector512.Create(Unsafe.Add(ref a0, ap)), bv, c0);
                c1 = Fma(Vector512.Create(Unsafe.Add(ref a0, ap + ar)), bv, c1);
                c2 = Fma(Vector512.Create(Unsafe.Add(ref a0, ap + 2 * ar)), bv, c2);
                c3 = Fma(Vector512.Create(Unsafe.Add(ref a0, ap + 3 * ar)), bv, c3);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            c0.StoreUnsafe(ref r0); c1.StoreUnsafe(ref Unsafe.Add(ref r0, ldc));
            c2.StoreUnsafe(ref Unsafe.Add(ref r0, 2 * ldc)); c3.StoreUnsafe(ref Unsafe.Add(ref r0, 3 * ldc));
        }
        for (; i < m; i++)
        {
            ref var ai = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r = ref Unsafe.Add(ref c, (nint)i * ldc);
            var acc = Vector512.LoadUnsafe(ref r);
            ref var bp = ref b;
            nint ap = 0;
            for (var p = 0; p < kc; p++, ap += ac)
            {
                acc = Fma(Vector512.Create(Unsafe.Add(ref ai, ap)), Vector512.LoadUnsafe(ref bp), acc);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            acc.StoreUnsafe(ref r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PanelScalar<T>(int m, int n, int kc, ref T a, int ar, int ac, ref T b, int ldb, ref T c, int ldc)
        where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < m; i++)
        {
            ref var ai = ref Unsafe.Add(ref a, (nint)i * ar);
            ref var r = ref Unsafe.Add(ref c, (nint)i * ldc);
            for (var j = 0; j < n; j++)
            {
                var sum = Unsafe.Add(ref r, j);
                nint ap = 0;
                for (var p = 0; p < kc; p++, ap += ac) sum += Unsafe.Add(ref ai, ap) * Unsafe.Add(ref b, (nint)p * ldb + j);
                Unsafe.Add(ref r, j) = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
        return x * y + addend;
    }
}
