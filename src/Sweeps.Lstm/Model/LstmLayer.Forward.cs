using System.Runtime.CompilerServices;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Model;

public sealed partial class LstmLayer<T>
{
    /// <summary>
    /// Runs the layer over <paramref name="steps"/> steps of <paramref name="batch"/> sequences.
    /// <paramref name="input"/> is steps x batch x D, time-major. The initial state is whatever slot 0 holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<T> input, int batch, int steps)
    {
        if (batch < 1 || batch > MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"must be 1 to {MaxBatch}");
        if (steps < 1 || steps > MaxSteps) throw new ArgumentOutOfRangeException(nameof(steps), $"must be 1 to {MaxSteps}");
        _batch = batch;
        _steps = steps;
        int h = Cells, d = Inputs, gw = GateWidth, rows = batch * steps;
        var weights = (ReadOnlySpan<T>)Weights;
        input.Slice(0, rows * d).CopyTo(_input);
        var pre = _pre.AsSpan(0, rows * gw);

        // Input projections of all steps in one GEMM, on top of the biases.
        var bias = Biases;
        for (var r = 0; r < rows; r++) bias.CopyTo(pre.Slice(r * gw, gw));
        Gemm.MultiplyAdd(rows, gw, d, _input, d, 1, weights, gw, pre, gw);

        var recurrent = weights.Slice(d * gw);
        var packed = _packedRecurrent.Length > 0;
        if (packed) Gemm.Pack(h, gw, recurrent, gw, 1, _packedRecurrent);
        T maxAbsCell = T.Zero;
        for (var t = 0; t < steps; t++)
        {
            var preT = pre.Slice(t * batch * gw, batch * gw);
            if (packed) Gemm.MultiplyAddPacked(batch, gw, h, _out.AsSpan(t * batch * h), h, 1, _packedRecurrent, preT, gw);
            else Gemm.MultiplyAdd(batch, gw, h, _out.AsSpan(t * batch * h), h, 1, recurrent, gw, preT, gw);
            if (Layout.FullGateRecurrence)
                Gemm.MultiplyAdd(batch, 3 * h, 3 * h, _act.AsSpan(t * batch * 4 * h + h), 4 * h, 1, GateRecurrence, 3 * h, preT.Slice(h), gw);
            for (var b = 0; b < batch; b++) StepRow(t, b, preT.Slice(b * gw, gw));
            var cellT = _cell.AsSpan((t + 1) * batch * h, batch * h);
            var stepMax = Elementwise.MaxMagnitude<T>(cellT);
            if (!(stepMax <= maxAbsCell)) maxAbsCell = stepMax;
        }
        MaxAbsCell = maxAbsCell;
    }

    /// <summary>One cell block update for sequence b at step t, from its gate pre-activations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepRow(int t, int b, Span<T> pre)
    {
        int h = Cells, batch = _batch, s = t + 1;
        var act = _act.AsSpan((s * batch + b) * 4 * h, 4 * h);
        var cellPrev = _cell.AsSpan((t * batch + b) * h, h);
        var cell = _cell.AsSpan((s * batch + b) * h, h);
        var cellOut = _cellOut.AsSpan((t * batch + b) * h, h);
        var y = _out.AsSpan((s * batch + b) * h, h);
        var peep = Peepholes;
        var layout = Layout;

        var z = act.Slice(0, h);
        var preZ = pre.Slice(0, h);
        if (layout.InputActivation) Activations.Tanh<T>(preZ, z);
        else preZ.CopyTo(z);

        var i = act.Slice(GateLayout.I * h, h);
        if (layout.HasInputGate)
        {
            var preI = pre.Slice(layout.SlotToColumn[GateLayout.I] * h, h);
            var p = layout.PeepholeIndex(GateLayout.I);
            if (p >= 0) Elementwise.MultiplyAdd<T>(peep.Slice(p * h, h), cellPrev, preI, preI);
            Activations.Sigmoid<T>(preI, i);
        }

        var f = act.Slice(GateLayout.F * h, h);
        if (layout.HasForgetGate)
        {
            var preF = pre.Slice(layout.SlotToColumn[GateLayout.F] * h, h);
            var p = layout.PeepholeIndex(GateLayout.F);
            if (p >= 0) Elementwise.MultiplyAdd<T>(peep.Slice(p * h, h), cellPrev, preF, preF);
            Activations.Sigmoid<T>(preF, f);
        }
        else if (layout.CoupledForgetGate)
        {
            Elementwise.OneMinus<T>(i, f);
        }

        // c_t = z * i + c_{t-1} * f
        Elementwise.Multiply<T>(z, i, cell);
        Elementwise.MultiplyAdd<T>(cellPrev, f, cell, cell);

        var o = act.Slice(GateLayout.O * h, h);
        if (layout.HasOutputGate)
        {
            var preO = pre.Slice(layout.SlotToColumn[GateLayout.O] * h, h);
            var p = layout.PeepholeIndex(GateLayout.O);
            if (p >= 0) Elementwise.MultiplyAdd<T>(peep.Slice(p * h, h), cell, preO, preO); // peeks at the new cell
            Activations.Sigmoid<T>(preO, o);
        }

        if (layout.OutputActivation) Activations.Tanh<T>(cell, cellOut);
        else cell.CopyTo(cellOut);
        Elementwise.Multiply<T>(cellOut, o, y);
    }
}
