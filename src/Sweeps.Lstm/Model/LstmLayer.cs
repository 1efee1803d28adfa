using System.Numerics;

namespace Sweeps.Lstm.Model;

/// <summary>
/// One LSTM layer of Greff et al. (2017) with its variants: parameters (a slice of the network's flat arrays)
/// and every buffer forward and backward need, allocated once for the largest batch and sequence.
/// Data is time-major: row (t * batch + b) of a matrix holds step t of sequence b.
/// </summary>
/// <remarks>
/// Parameters, in order: the fused weights [W; R] transposed, (D + H) x (G H) with the G computed gates side by side
/// (z, i, f, o, minus the ones the variant drops); biases (G H); peepholes (one H-vector per gated slot, none for NP);
/// for FGR the 3H x 3H gate-to-gate matrix (nine H x H blocks), transposed.
/// </remarks>
public sealed partial class LstmLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters;
    private readonly T[] _gradients;
    private readonly int _weightsAt, _biasAt, _peepholeAt, _gateRecurrenceAt;

    private readonly T[] _input;      // steps x batch x D: a copy of the last input
    private readonly T[] _pre;        // steps x batch x GH: pre-activations of the computed gates
    private readonly T[] _act;        // (steps + 1) x batch x 4H: z, i, f, o after activation; step slot 0 is the initial state
    private readonly T[] _cell;       // (steps + 1) x batch x H
    private readonly T[] _cellOut;    // steps x batch x H: h(c_t)
    private readonly T[] _out;        // (steps + 1) x batch x H: y_t; slot 0 is the initial state
    private readonly T[] _delta;      // steps x batch x GH: loss derivatives w.r.t. the pre-activations
    private readonly T[] _inputGrad;  // steps x batch x D
    private readonly T[] _dy, _dcNext, _dGates;
    private readonly T[] _weightsBack, _gateRecurrenceBack; // transposed copies for the backward pass
    private readonly T[] _packedRecurrent, _packedRecurrentBack; // R^T and R in panels, when the sizes allow
    private int _batch, _steps;

    public LstmLayer(LstmVariant variant, int inputs, int cells, T[] parameters, T[] gradients, int offset, int maxBatch, int maxSteps)
    {
        Layout = new GateLayout(variant);
        Inputs = inputs;
        Cells = cells;
        GateWidth = Layout.GateCount * cells;
        MaxBatch = maxBatch;
        MaxSteps = maxSteps;
        _parameters = parameters;
        _gradients = gradients;
        _weightsAt = offset;
        _biasAt = _weightsAt + (inputs + cells) * GateWidth;
        _peepholeAt = _biasAt + GateWidth;
        _gateRecurrenceAt = _peepholeAt + Layout.PeepholeSlots.Length * cells;
        ParameterCount = Layout.ParameterCount(inputs, cells);

        var rows = maxBatch * maxSteps;
        _input = new T[rows * inputs];
        _pre = new T[rows * GateWidth];
        _act = new T[(rows + maxBatch) * 4 * cells];
        _cell = new T[(rows + maxBatch) * cells];
        _cellOut = new T[rows * cells];
        _out = new T[(rows + maxBatch) * cells];
        _delta = new T[rows * GateWidth];
        _inputGrad = new T[rows * inputs];
        _dy = new T[maxBatch * cells];
        _dcNext = new T[maxBatch * cells];
        _dGates = new T[maxBatch * 3 * cells];
        _weightsBack = new T[GateWidth * (inputs + cells)];
        _gateRecurrenceBack = Layout.FullGateRecurrence ? new T[9 * cells * cells] : [];
        _packedRecurrent = Numerics.Gemm.CanPack<T>(GateWidth) ? new T[cells * GateWidth] : [];
        _packedRecurrentBack = Numerics.Gemm.CanPack<T>(cells) ? new T[cells * GateWidth] : [];
        FillAbsentGates();
    }

    public GateLayout Layout { get; }
    public int Inputs { get; }
    public int Cells { get; }

    /// <summary>G H: the width of the fused gate pre-activations.</summary>
    public int GateWidth { get; }

    public int MaxBatch { get; }
    public int MaxSteps { get; }
    public int ParameterCount { get; }

    /// <summary>The block outputs y_t of the last forward pass, steps x batch x H.</summary>
    public ReadOnlySpan<T> Outputs => _out.AsSpan(_batch * Cells, _steps * _batch * Cells);

    /// <summary>d loss / d input of the last backward pass that asked for it, steps x batch x D.</summary>
    public ReadOnlySpan<T> InputGradients => _inputGrad.AsSpan(0, _steps * _batch * Inputs);

    /// <summary>z, i, f, o after activation (4 x H) for one sequence at one step of the last forward pass.</summary>
    public ReadOnlySpan<T> GateActivations(int step, int sequence) => _act.AsSpan(((step + 1) * _batch + sequence) * 4 * Cells, 4 * Cells);

    /// <summary>The cell state c_t (H) for one sequence at one step of the last forward pass.</summary>
    public ReadOnlySpan<T> CellState(int step, int sequence) => _cell.AsSpan(((step + 1) * _batch + sequence) * Cells, Cells);

    /// <summary>The largest |c_t| of the last forward pass: an exploding cell state shows here first.</summary>
    public T MaxAbsCell { get; private set; }

    public Span<T> Weights => _parameters.AsSpan(_weightsAt, (Inputs + Cells) * GateWidth);
    public Span<T> Biases => _parameters.AsSpan(_biasAt, GateWidth);
    public Span<T> Peepholes => _parameters.AsSpan(_peepholeAt, Layout.PeepholeSlots.Length * Cells);
    public Span<T> GateRecurrence => _parameters.AsSpan(_gateRecurrenceAt, Layout.FullGateRecurrence ? 9 * Cells * Cells : 0);

    /// <summary>The initial cell state c_0 and output y_0 of each sequence in the batch (batch x H each).</summary>
    public void SetInitialState(ReadOnlySpan<T> cell, ReadOnlySpan<T> output)
    {
        cell.CopyTo(_cell);
        output.CopyTo(_out);
    }

    /// <summary>Zero initial state (and, for FGR, zero previous gates).</summary>
    public void ResetState()
    {
        Array.Clear(_cell, 0, MaxBatch * Cells);
        Array.Clear(_out, 0, MaxBatch * Cells);
        if (Layout.FullGateRecurrence) Array.Clear(_act, 0, MaxBatch * 4 * Cells);
    }

    /// <summary>Makes the last step's state the initial state of the next forward pass (a continual stream, no reset).</summary>
    public void CarryState()
    {
        var h = Cells;
        _cell.AsSpan(_steps * _batch * h, _batch * h).CopyTo(_cell);
        _out.AsSpan(_steps * _batch * h, _batch * h).CopyTo(_out);
        if (Layout.FullGateRecurrence) _act.AsSpan(_steps * _batch * 4 * h, _batch * 4 * h).CopyTo(_act);
    }

    /// <summary>Gates a variant drops are the constant 1 in every step: written once.</summary>
    private void FillAbsentGates()
    {
        var h = Cells;
        var one = T.One;
        for (var row = 0; row < _act.Length / (4 * h); row++)
        {
            var slots = _act.AsSpan(row * 4 * h, 4 * h);
            if (!Layout.HasInputGate) slots.Slice(GateLayout.I * h, h).Fill(one);
            if (!Layout.HasForgetGate && !Layout.CoupledForgetGate) slots.Slice(GateLayout.F * h, h).Fill(one);
            if (!Layout.HasOutputGate) slots.Slice(GateLayout.O * h, h).Fill(one);
        }
    }
}
