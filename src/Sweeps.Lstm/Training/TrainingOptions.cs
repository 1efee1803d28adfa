namespace Sweeps.Lstm.Training;

/// <summary>How to train: the architecture and the hyperparameters of Greff et al.'s random search, plus the practical knobs.</summary>
public sealed record TrainingOptions
{
    public LstmVariant Variant { get; init; } = LstmVariant.Vanilla;
    public int Hidden { get; init; } = 32;
    public int Layers { get; init; } = 1;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Nesterov;
    public double LearningRate { get; init; } = 1e-2;
    public double Momentum { get; init; } = 0.9;

    /// <summary>Sequences per update; 1 is the paper's per-sequence updates.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Standard deviation of the Gaussian noise added to training inputs (0 = none).</summary>
    public double InputNoise { get; init; }

    /// <summary>Largest norm of the whole gradient after BPTT; 0 = no clipping.</summary>
    public double Clip { get; init; }

    public int MaxEpochs { get; init; } = 20;

    /// <summary>Epochs without a better validation loss before training stops.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>A cell state beyond this magnitude counts as divergence.</summary>
    public double MaxCellState { get; init; } = 1e5;

    /// <summary>Sequences per batch when measuring validation and test loss (no updates, so bigger is just faster).</summary>
    public int EvaluationBatch { get; init; } = 32;
}
