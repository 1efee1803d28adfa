namespace Sweeps.Lstm.Training;

/// <summary>What one training produced. Losses belong to the parameters early stopping kept.</summary>
public sealed record TrainingReport(
    double TrainLoss,
    double ValidLoss,
    double TestLoss,
    double? TestAccuracy,
    double? OptimalLoss,
    int Epochs,
    long Updates,
    bool Diverged,
    long? DivergedAtStep,
    double SequencesPerSecond,
    double[] ValidCurve);
