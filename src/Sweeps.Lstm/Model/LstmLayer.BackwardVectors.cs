using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweeps.Lstm.Model;

/// <summary>The deltas of one sequence's cells, many cells at a time: the vector twins of the scalar loop in BackRow.</summary>
public sealed partial class LstmLayer<T>
{
    /// <summary>The same as the scalar loop of <see cref="BackRow"/>, with AVX-512 vectors from cell k on; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int VectorBackRow512(int k, Span<T> act, Span<T> cellPrev, Span<T> cell, Span<T> cellOut, Span<T> dy, Span<T> dcNext,
        Span<T> dGates, ReadOnlySpan<T> peep, Span<T> delta, Span<T> dPeep, int colI, int colF, int colO, int pI, int pF, int pO)
    {
        if (!Vector512.IsHardwareAccelerated || !Vector512<T>.IsSupported) return k;
        int h = Cells, w = Vector512<T>.Count;
        var layout = Layout;
        var fgr = layout.FullGateRecurrence;
        var one = Vector512<T>.One;
        for (; k + w <= h; k += w)
        {
            Vector512<T> z = Load512(act, k), i = Load512(act, h + k), f = Load512(act, 2 * h + k), o = Load512(act, 3 * h + k);
            Vector512<T> c = Load512(cell, k), cp = Load512(cellPrev, k), hc = Load512(cellOut, k), dyk = Load512(dy, k);

            var dOut = Vector512<T>.Zero;
            if (colO >= 0)
            {
                dOut = dyk * hc;
                if (fgr) dOut += Load512(dGates, 2 * h + k);
                dOut *= o * (one - o);
                Store512(delta, colO + k, dOut);
            }

            var dc = dyk * o;
            if (layout.OutputActivation) dc *= one - hc * hc;
            dc += Load512(dcNext, k);
            if (pO >= 0) dc += Load512(peep, pO + k) * dOut;

            var dIn = Vector512<T>.Zero;
            if (colI >= 0)
            {
                dIn = dc * (layout.CoupledForgetGate ? z - cp : z);
                if (fgr) dIn += Load512(dGates, k);
                dIn *= i * (one - i);
                Store512(delta, colI + k, dIn);
            }

            var dForget = Vector512<T>.Zero;
            if (colF >= 0)
            {
                dForget = dc * cp;
                if (fgr) dForget += Load512(dGates, h + k);
                dForget *= f * (one - f);
                Store512(delta, colF + k, dForget);
            }

            var dz = dc * i;
            if (layout.InputActivation) dz *= one - z * z;
            Store512(delta, k, dz);

            var dcPrev = dc * f;
            if (pI >= 0) { dcPrev += Load512(peep, pI + k) * dIn; Store512(dPeep, pI + k, Load512(dPeep, pI + k) + cp * dIn); }
            if (pF >= 0) { dcPrev += Load512(peep, pF + k) * dForget; Store512(dPeep, pF + k, Load512(dPeep, pF + k) + cp * dForget); }
            if (pO >= 0) Store512(dPeep, pO + k, Load512(dPeep, pO + k) + c * dOut);
            Store512(dcNext, k, dcPrev);
        }
        return k;
    }

    /// <summary>The same as the scalar loop of <see cref="BackRow"/>, with AVX vectors from cell k on; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int VectorBackRow256(int k, Span<T> act, Span<T> cellPrev, Span<T> cell, Span<T> cellOut, Span<T> dy, Span<T> dcNext,
        Span<T> dGates, ReadOnlySpan<T> peep, Span<T> delta, Span<T> dPeep, int colI, int colF, int colO, int pI, int pF, int pO)
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported) return k;
        int h = Cells, w = Vector256<T>.Count;
        var layout = Layout;
        var fgr = layout.FullGateRecurrence;
        var one = Vector256<T>.One;
        for (; k + w <= h; k += w)
        {
            Vector256<T> z = Load(act, k), i = Load(act, h + k), f = Load(act, 2 * h + k), o = Load(act, 3 * h + k);
            Vector256<T> c = Load(cell, k), cp = Load(cellPrev, k), hc = Load(cellOut, k), dyk = Load(dy, k);

            var dOut = Vector256<T>.Zero;
            if (colO >= 0)
            {
                dOut = dyk * hc;
                if (fgr) dOut += Load(dGates, 2 * h + k);
                dOut *= o * (one - o);
                Store(delta, colO + k, dOut);
            }

            var dc = dyk * o;
            if (layout.OutputActivation) dc *= one - hc * hc;
            dc += Load(dcNext, k);
            if (pO >= 0) dc += Load(peep, pO + k) * dOut;

            var dIn = Vector256<T>.Zero;
            if (colI >= 0)
            {
                dIn = dc * (layout.CoupledForgetGate ? z - cp : z);
                if (fgr) dIn += Load(dGates, k);
                dIn *= i * (one - i);
                Store(delta, colI + k, dIn);
            }

            var dForget = Vector256<T>.Zero;
            if (colF >= 0)
            {
                dForget = dc * cp;
                if (fgr) dForget += Load(dGates, h + k);
                dForget *= f * (one - f);
                Store(delta, colF + k, dForget);
            }

            var dz = dc * i;
            if (layout.InputActivation) dz *= one - z * z;
            Store(delta, k, dz);

            var dcPrev = dc * f;
            if (pI >= 0) { dcPrev += Load(peep, pI + k) * dIn; Store(dPeep, pI + k, Load(dPeep, pI + k) + cp * dIn); }
            if (pF >= 0) { dcPrev += Load(peep, pF + k) * dForget; Store(dPeep, pF + k, Load(dPeep, pF + k) + cp * dForget); }
            if (pO >= 0) Store(dPeep, pO + k, Load(dPeep, pO + k) + c * dOut);
            Store(dcNext, k, dcPrev);
        }
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Load(ReadOnlySpan<T> span, int at) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<T> span, int at, Vector256<T> value) => value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load512(ReadOnlySpan<T> span, int at) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(Span<T> span, int at, Vector512<T> value) => value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)at);
}
