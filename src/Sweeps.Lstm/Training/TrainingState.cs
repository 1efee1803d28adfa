namespace Sweeps.Lstm.Training;

/// <summary>What a training carries from one epoch to the next, besides the network, the optimizer and the random numbers.</summary>
internal sealed class TrainingState<T>(T[] bestParameters, double bestValid) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Epochs finished.</summary>
    public int Epoch { get; set; }

    /// <summary>The parameters of the best validation loss so far (the initial ones until an epoch beats them).</summary>
    public T[] BestParameters { get; } = bestParameters;

    public double BestValid { get; set; } = bestValid;

    /// <summary>Epochs since the validation loss last improved: early stopping's counter.</summary>
    public int SinceBest { get; set; }

    /// <summary>The validation loss after each finished epoch.</summary>
    public List<double> Curve { get; } = [];

    public long Updates { get; set; }

    /// <summary>Training sequences seen, over every run of this training (for sequences per second).</summary>
    public long Trained { get; set; }

    /// <summary>Seconds spent training in the runs before this one (restored from a checkpoint).</summary>
    public double Seconds { get; set; }
}
