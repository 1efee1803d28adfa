using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Model;

public sealed partial class LstmLayer<T>
{
    /// <summary>
    /// Full backpropagation through time of the last forward pass. <paramref name="outputGrad"/> is d loss / d y_t
    /// (steps x batch x H) from above; parameter gradients are added to the network's gradient array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<T> outputGrad, bool computeInputGrad)
    {
        int h = Cells, d = Inputs, gw = GateWidth, batch = _batch, steps = _steps, rows = batch * steps;
        var packed = _packedRecurrentBack.Length > 0;
        if (packed) Gemm.Pack(gw, h, Weights.Slice(d * gw), 1, gw, _packedRecurrentBack);
        if (computeInputGrad || !packed) Transpose(Weights, d + h, gw, _weightsBack);
        if (Layout.FullGateRecurrence) Transpose(GateRecurrence, 3 * h, 3 * h, _gateRecurrenceBack);
        var recurrentBack = ((ReadOnlySpan<T>)_weightsBack).Slice(d);
        var delta = _delta.AsSpan(0, rows * gw);
        var dy = _dy.AsSpan(0, batch * h);
        var dGates = _dGates.AsSpan(0, batch * 3 * h);
        _dcNext.AsSpan(0, batch * h).Clear();
        var dPeep = _gradients.AsSpan(_peepholeAt, Layout.PeepholeSlots.Length * h);

        for (var t = steps - 1; t >= 0; t--)
        {
            outputGrad.Slice(t * batch * h, batch * h).CopyTo(dy);
            if (Layout.FullGateRecurrence) dGates.Clear();
            if (t < steps - 1)
            {
                var next = delta.Slice((t + 1) * batch * gw, batch * gw);
                if (packed) Gemm.MultiplyAddPacked(batch, h, gw, next, gw, 1, _packedRecurrentBack, dy, h);
                else Gemm.MultiplyAdd(batch, h, gw, next, gw, 1, recurrentBack, d + h, dy, h);
                if (Layout.FullGateRecurrence)
                    Gemm.MultiplyAdd(batch, 3 * h, 3 * h, next.Slice(h), gw, 1, _gateRecurrenceBack, 3 * h, dGates, 3 * h);
            }
            for (var b = 0; b < batch; b++) BackRow(t, b, delta.Slice((t * batch + b) * gw, gw), dPeep);
        }

        // Weight gradients of all steps at once: dW += X^T delta, dR += Y_{t-1}^T delta, db += column sums.
        var gradWeights = _gradients.AsSpan(_weightsAt, (d + h) * gw);
        Gemm.MultiplyAdd(d, gw, rows, _input, 1, d, delta, gw, gradWeights, gw);
        Gemm.MultiplyAdd(h, gw, rows, _out, 1, h, delta, gw, gradWeights.Slice(d * gw), gw);
        var gradBias = _gradients.AsSpan(_biasAt, gw);
        for (var r = 0; r < rows; r++) Elementwise.AddTo<T>(delta.Slice(r * gw, gw), gradBias);
        if (Layout.FullGateRecurrence)
            Gemm.MultiplyAdd(3 * h, 3 * h, rows, _act.AsSpan(h), 1, 4 * h, delta.Slice(h), gw,
                _gradients.AsSpan(_gateRecurrenceAt, 9 * h * h), 3 * h);

        if (computeInputGrad)
        {
            var dx = _inputGrad.AsSpan(0, rows * d);
            dx.Clear();
            Gemm.MultiplyAdd(rows, d, gw, delta, gw, 1, _weightsBack, d + h, dx, d);
        }
    }

    /// <summary>Deltas of one sequence's cell block at step t, following science.md section 2 term by term.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackRow(int t, int b, Span<T> delta, Span<T> dPeep)
    {
        int h = Cells, batch = _batch, s = t + 1;
        var layout = Layout;
        var act = _act.AsSpan((s * batch + b) * 4 * h, 4 * h);
        var cellPrev = _cell.AsSpan((t * batch + b) * h, h);
        var cell = _cell.AsSpan((s * batch + b) * h, h);
        var cellOut = _cellOut.AsSpan((t * batch + b) * h, h);
        var dy = _dy.AsSpan(b * h, h);
        var dcNext = _dcNext.AsSpan(b * h, h);
        var dGates = _dGates.AsSpan(b * 3 * h, 3 * h);
        var peep = (ReadOnlySpan<T>)Peepholes;
        var fgr = layout.FullGateRecurrence;
        int colI = layout.SlotToColumn[GateLayout.I] * h, colF = layout.SlotToColumn[GateLayout.F] * h, colO = layout.SlotToColumn[GateLayout.O] * h;
        int pI = layout.PeepholeIndex(GateLayout.I) * h, pF = layout.PeepholeIndex(GateLayout.F) * h, pO = layout.PeepholeIndex(GateLayout.O) * h;
        var one = T.One;

        var k = VectorBackRow(act, cellPrev, cell, cellOut, dy, dcNext, dGates, peep, delta, dPeep, colI, colF, colO, pI, pF, pO);
        for (; k < h; k++)
        {
            T z = act[k], i = act[h + k], f = act[2 * h + k], o = act[3 * h + k];
            T c = cell[k], cp = cellPrev[k], hc = cellOut[k], dyk = dy[k];

            var dOut = T.Zero;
            if (colO >= 0)
            {
                dOut = dyk * hc;
                if (fgr) dOut += dGates[2 * h + k];
                dOut *= o * (one - o);
                delta[colO + k] = dOut;
            }

            var dc = dyk * o;
            if (layout.OutputActivation) dc *= one - hc * hc;
            dc += dcNext[k];
            if (pO >= 0) dc += peep[pO + k] * dOut;

            var dIn = T.Zero;
            if (colI >= 0)
            {
                dIn = dc * (layout.CoupledForgetGate ? z - cp : z);
                if (fgr) dIn += dGates[k];
                dIn *= i * (one - i);
                delta[colI + k] = dIn;
            }

            var dForget = T.Zero;
            if (colF >= 0)
            {
                dForget = dc * cp;
                if (fgr) dForget += dGates[h + k];
                dForget *= f * (one - f);
                delta[colF + k] = dForget;
            }

            var dz = dc * i;
            if (layout.InputActivation) dz *= one - z * z;
            delta[k] = dz;

            // What c_{t-1} receives: through f_t, and through the peepholes of i_t and f_t.
            var dcPrev = dc * f;
            if (pI >= 0) { dcPrev += peep[pI + k] * dIn; dPeep[pI + k] += cp * dIn; }
            if (pF >= 0) { dcPrev += peep[pF + k] * dForget; dPeep[pF + k] += cp * dForget; }
            if (pO >= 0) dPeep[pO + k] += c * dOut;
            dcNext[k] = dcPrev;
        }
    }

    /// <summary>The same as the scalar loop of <see cref="BackRow"/>, eight or four cells at a time; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int VectorBackRow(Span<T> act, Span<T> cellPrev, Span<T> cell, Span<T> cellOut, Span<T> dy, Span<T> dcNext,
        Span<T> dGates, ReadOnlySpan<T> peep, Span<T> delta, Span<T> dPeep, int colI, int colF, int colO, int pI, int pF, int pO)
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported) return 0;
        int h = Cells, w = Vector256<T>.Count, k = 0;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(ReadOnlySpan<T> source, int rows, int columns, Span<T> target)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = source.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++) target[c * rows + r] = row[c];
        }
    }
}
