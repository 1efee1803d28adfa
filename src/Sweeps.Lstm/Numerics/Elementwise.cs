using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Lstm.Numerics;

/// <summary>The few element-wise operations of the cell update, vectorised and fully optimised from the first call.</summary>
public static class Elementwise
{
    /// <summary>destination = x * y + addend (destination may be addend).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> addend, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        var n = destination.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        ref var zs = ref MemoryMarshal.GetReference(addend);
        ref var ds = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; i + Vector256<T>.Count <= n; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref xs, (nuint)i) * Vector256.LoadUnsafe(ref ys, (nuint)i) + Vector256.LoadUnsafe(ref zs, (nuint)i))
                    .StoreUnsafe(ref ds, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ds, i) = Unsafe.Add(ref xs, i) * Unsafe.Add(ref ys, i) + Unsafe.Add(ref zs, i);
    }

    /// <summary>destination = x * y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        var n = destination.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        ref var ds = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; i + Vector256<T>.Count <= n; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref xs, (nuint)i) * Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ds, i) = Unsafe.Add(ref xs, i) * Unsafe.Add(ref ys, i);
    }

    /// <summary>destination = 1 - x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OneMinus<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < destination.Length; i++) destination[i] = T.One - x[i];
    }

    /// <summary>sum += x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTo<T>(ReadOnlySpan<T> x, Span<T> sum)
        where T : unmanaged, INumber<T>
    {
        var n = sum.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ss = ref MemoryMarshal.GetReference(sum);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; i + Vector256<T>.Count <= n; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref ss, (nuint)i) + Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ss, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ss, i) += Unsafe.Add(ref xs, i);
    }

    /// <summary>The largest |x|; NaN if any element is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T MaxMagnitude<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var max = T.Zero;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && x.Length >= Vector256<T>.Count)
        {
            ref var xs = ref MemoryMarshal.GetReference(x);
            var largest = Vector256<T>.Zero;
            var nan = Vector256<T>.Zero;
            for (; i + Vector256<T>.Count <= x.Length; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
                largest = Vector256.Max(largest, Vector256.Abs(v));
                nan |= ~Vector256.Equals(v, v);
            }
            if (nan != Vector256<T>.Zero) return T.NaN;
            for (var j = 0; j < Vector256<T>.Count; j++) max = T.Max(max, largest[j]);
        }
        for (; i < x.Length; i++)
        {
            var magnitude = T.Abs(x[i]);
            if (T.IsNaN(magnitude)) return magnitude;
            if (magnitude > max) max = magnitude;
        }
        return max;
    }
}
