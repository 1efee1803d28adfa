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

        var k = VectorBackRow512(0, act, cellPrev, cell, cellOut, dy, dcNext, dGates, peep, delta, dPeep, colI, colF, colO, pI, pF, pO);
        k = VectorBackRow256(k, act, cellPrev, cell, cellOut, dy, dcNext, dGates, peep, delta, dPeep, colI, colF, colO, pI, pF, pO);
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
