namespace Sweeps.Lstm.Model;

/// <summary>The output layer on top of the last LSTM layer, with the loss that fits it.</summary>
public enum OutputKind
{
    /// <summary>Linear outputs, squared error summed over outputs (regression: the adding problem).</summary>
    Linear,
    /// <summary>Softmax over classes, cross-entropy (next-symbol prediction: Reber).</summary>
    Softmax,
    /// <summary>Independent sigmoids, binary cross-entropy summed over outputs (piano rolls).</summary>
    Sigmoid,
}
