using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Lstm.Numerics;

/// <summary>Products whose B is packed once into column panels and then used many times (the recurrent weights).</summary>
public static partial class Gemm
{
    /// <summary>Width of a packed panel of B: four AVX-512 vectors, or two AVX vectors without AVX-512.</summary>
    public static int PanelWidth<T>() where T : unmanaged =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? 4 * Vector512<T>.Count : 2 * Vector256<T>.Count;

    /// <summary>Whether a B with <paramref name="n"/> columns can be packed (AVX-512 or AVX, whole panels only).</summary>
    public static bool CanPack<T>(int n) where T : unmanaged =>
        (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported || Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        && n > 0 && n % PanelWidth<T>() == 0;

    /// <summary>
    /// Copies B (k x n, B(p, j) = b[p * rowStride + j * columnStride]) into column panels laid out one after another,
    /// so that a product with few rows of A streams through memory instead of striding a page per row of B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<T>(int k, int n, ReadOnlySpan<T> b, int rowStride, int columnStride, Span<T> packed)
        where T : unmanaged
    {
        var width = PanelWidth<T>();
        if (rowStride == 1)
        {
            // B is stored transposed: read its columns in order, write each into its panel lane.
            for (var j = 0; j < n; j++)
            {
                var column = b.Slice(j * columnStride, k);
                var lane = packed.Slice(j / width * k * width + j % width);
                for (var p = 0; p < k; p++) lane[p * width] = column[p];
            }
            return;
        }
        var at = 0;
        for (var j0 = 0; j0 < n; j0 += width)
            for (var p = 0; p < k; p++)
            {
                var from = p * rowStride + j0 * columnStride;
                if (columnStride == 1) b.Slice(from, width).CopyTo(packed.Slice(at, width));
                else for (var j = 0; j < width; j++) packed[at + j] = b[from + j * columnStride];
                at += width;
            }
    }

    /// <summary>C += A B with B packed by <see cref="Pack{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAddPacked<T>(int m, int n, int k, ReadOnlySpan<T> a, int aRowStride, int aColStride,
        ReadOnlySpan<T> packed, Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        if (m <= 0 || n <= 0 || k <= 0) return;
        var width = PanelWidth<T>();
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(packed);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        var wide = Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;
        for (var j0 = 0; j0 < n; j0 += width)
        {
            if (wide) Panel512x4(m, k, ref a0, aRowStride, aColStride, ref Unsafe.Add(ref b0, (nint)j0 * k), width, ref Unsafe.Add(ref c0, j0), ldc);
            else Panel256x2(m, k, ref a0, aRowStride, aColStride, ref Unsafe.Add(ref b0, (nint)j0 * k), width, ref Unsafe.Add(ref c0, j0), ldc);
        }
    }
}
