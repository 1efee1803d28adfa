namespace Sweeps.Lstm.Model;

/// <summary>
/// Which parts a variant has, and where they sit. Activations are kept in four slots per cell, in the order
/// z (block input), i, f, o; the fused weight matrix holds only the gates that are computed, in that order.
/// </summary>
public sealed class GateLayout
{
    public const int Z = 0, I = 1, F = 2, O = 3;

    public GateLayout(LstmVariant variant)
    {
        Variant = variant;
        HasInputGate = variant != LstmVariant.Nig;
        HasForgetGate = variant is not (LstmVariant.Nfg or LstmVariant.Cifg);
        HasOutputGate = variant != LstmVariant.Nog;
        CoupledForgetGate = variant == LstmVariant.Cifg;
        InputActivation = variant != LstmVariant.Niaf;
        OutputActivation = variant != LstmVariant.Noaf;
        FullGateRecurrence = variant == LstmVariant.Fgr;

        var slots = new List<int> { Z };
        if (HasInputGate) slots.Add(I);
        if (HasForgetGate) slots.Add(F);
        if (HasOutputGate) slots.Add(O);
        ComputedSlots = slots.ToArray();
        SlotToColumn = [-1, -1, -1, -1];
        for (var k = 0; k < ComputedSlots.Length; k++) SlotToColumn[ComputedSlots[k]] = k;

        var peepholes = variant == LstmVariant.Np ? [] : ComputedSlots.Where(s => s != Z).ToArray();
        PeepholeSlots = peepholes;
    }

    public LstmVariant Variant { get; }
    public bool HasInputGate { get; }
    public bool HasForgetGate { get; }
    public bool HasOutputGate { get; }

    /// <summary>CIFG: f = 1 - i, with no forget-gate parameters of its own.</summary>
    public bool CoupledForgetGate { get; }

    /// <summary>g = tanh; false for NIAF (g(x) = x).</summary>
    public bool InputActivation { get; }

    /// <summary>h = tanh; false for NOAF (h(x) = x).</summary>
    public bool OutputActivation { get; }

    /// <summary>FGR: i, f and o also receive the previous step's i, f and o through a 3N x 3N matrix (nine N x N blocks).</summary>
    public bool FullGateRecurrence { get; }

    /// <summary>The slots whose pre-activations are computed, in the column order of the fused weights.</summary>
    public int[] ComputedSlots { get; }

    /// <summary>The column block of each slot in the fused weights, or -1 when the slot is not computed.</summary>
    public int[] SlotToColumn { get; }

    /// <summary>The gates with a peephole weight vector (none for NP).</summary>
    public int[] PeepholeSlots { get; }

    public int GateCount => ComputedSlots.Length;

    public int PeepholeIndex(int slot) => Array.IndexOf(PeepholeSlots, slot);

    /// <summary>Parameters of one layer with <paramref name="inputs"/> inputs and <paramref name="cells"/> cells.</summary>
    public int ParameterCount(int inputs, int cells) =>
        GateCount * cells * (inputs + cells)      // W and R, fused
        + GateCount * cells                       // biases
        + PeepholeSlots.Length * cells            // peepholes
        + (FullGateRecurrence ? 9 * cells * cells : 0);
}
