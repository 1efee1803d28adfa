using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Lstm.Numerics;

/// <summary>
/// The logistic sigmoid and tanh over spans. Float32 goes through an AVX exp (Cephes' expf polynomial,
/// about 1 ulp), compiled fully optimised at once so that short runs never meet unoptimised code;
/// float64 stays on Math's exp and tanh, exact enough for gradient checks.
/// </summary>
public static class Activations
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            ref var xs = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(x));
            ref var ys = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(y));
            if (Vector512.IsHardwareAccelerated)
            {
                var one512 = Vector512<float>.One;
                var limit512 = Vector512.Create(80f);
                for (; i + 16 <= x.Length; i += 16)
                {
                    var v = Vector512.Min(Vector512.Max(Vector512.LoadUnsafe(ref xs, (nuint)i), -limit512), limit512);
                    (one512 / (one512 + Exp(-v))).StoreUnsafe(ref ys, (nuint)i);
                }
            }
            var one = Vector256<float>.One;
            var limit = Vector256.Create(80f);
            for (; i + 8 <= x.Length; i += 8)
            {
                var v = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref xs, (nuint)i), -limit), limit);
                (one / (one + Exp(-v))).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < x.Length; i++) y[i] = T.One / (T.One + T.Exp(-x[i]));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            ref var xs = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(x));
            ref var ys = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(y));
            if (Vector512.IsHardwareAccelerated)
            {
                var one512 = Vector512<float>.One;
                var two512 = Vector512.Create(2f);
                var limit512 = Vector512.Create(40f);
                for (; i + 16 <= x.Length; i += 16)
                {
                    var v = Vector512.Min(Vector512.Max(Vector512.LoadUnsafe(ref xs, (nuint)i), -limit512), limit512);
                    (one512 - two512 / (Exp(v + v) + one512)).StoreUnsafe(ref ys, (nuint)i);
                }
            }
            var one = Vector256<float>.One;
            var two = Vector256.Create(2f);
            var limit = Vector256.Create(40f);
            for (; i + 8 <= x.Length; i += 8)
            {
                // tanh x = 1 - 2 / (exp(2x) + 1)
                var v = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref xs, (nuint)i), -limit), limit);
                (one - two / (Exp(v + v) + one)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < x.Length; i++) y[i] = T.Tanh(x[i]);
    }

    /// <summary>exp for |x| up to about 88 (Cephes expf: range reduction by ln 2, degree-5 polynomial).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.3f)), Vector256.Create(88.3f));
        var n = Vector256.Floor(x * 1.44269504088896341f + Vector256.Create(0.5f));
        var r = x - n * 0.693359375f + n * 2.12194440e-4f;
        var p = Vector256.Create(1.9875691500E-4f);
        p = p * r + Vector256.Create(1.3981999507E-3f);
        p = p * r + Vector256.Create(8.3334519073E-3f);
        p = p * r + Vector256.Create(4.1665795894E-2f);
        p = p * r + Vector256.Create(1.6666665459E-1f);
        p = p * r + Vector256.Create(5.0000001201E-1f);
        var e = p * r * r + r + Vector256<float>.One;
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        return e * scale;
    }

    /// <summary>The AVX-512 twin of <see cref="Exp(Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.3f)), Vector512.Create(88.3f));
        var n = Vector512.Floor(x * 1.44269504088896341f + Vector512.Create(0.5f));
        var r = x - n * 0.693359375f + n * 2.12194440e-4f;
        var p = Vector512.Create(1.9875691500E-4f);
        p = p * r + Vector512.Create(1.3981999507E-3f);
        p = p * r + Vector512.Create(8.3334519073E-3f);
        p = p * r + Vector512.Create(4.1665795894E-2f);
        p = p * r + Vector512.Create(1.6666665459E-1f);
        p = p * r + Vector512.Create(5.0000001201E-1f);
        var e = p * r * r + r + Vector512<float>.One;
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
        return e * scale;
    }
}
