namespace Sweeps.Lstm;

/// <summary>The vanilla LSTM with peepholes and the eight variants of Greff et al. (2017), "LSTM: A Search Space Odyssey".</summary>
public enum LstmVariant
{
    /// <summary>Input, forget and output gates, peepholes, tanh input and output activations.</summary>
    Vanilla,
    /// <summary>No input gate: i = 1.</summary>
    Nig,
    /// <summary>No forget gate: f = 1.</summary>
    Nfg,
    /// <summary>No output gate: o = 1.</summary>
    Nog,
    /// <summary>No input activation: g(x) = x.</summary>
    Niaf,
    /// <summary>No output activation: h(x) = x.</summary>
    Noaf,
    /// <summary>Coupled input and forget gate: f = 1 - i.</summary>
    Cifg,
    /// <summary>No peepholes (the LSTM of most libraries).</summary>
    Np,
    /// <summary>Full gate recurrence: every gate also sees the previous step's i, f and o (nine more N x N matrices).</summary>
    Fgr,
}

public static class LstmVariants
{
    public static IReadOnlyList<LstmVariant> All { get; } = Enum.GetValues<LstmVariant>();

    /// <summary>The name used in sweep specs: <c>vanilla</c>, <c>nig</c>, ... <c>fgr</c>.</summary>
    public static string Name(this LstmVariant variant) => variant.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out LstmVariant variant)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                variant = candidate;
                return true;
            }
        }
        variant = default;
        return false;
    }
}
