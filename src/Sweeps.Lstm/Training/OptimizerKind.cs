namespace Sweeps.Lstm.Training;

public enum OptimizerKind
{
    /// <summary>Plain SGD with classical momentum.</summary>
    Sgd,
    /// <summary>SGD with Nesterov momentum (the paper's optimizer).</summary>
    Nesterov,
    /// <summary>Adam (beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8); the momentum parameter is not used.</summary>
    Adam,
}

public static class OptimizerKinds
{
    public static IReadOnlyList<OptimizerKind> All { get; } = Enum.GetValues<OptimizerKind>();

    public static string Name(this OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out OptimizerKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
