namespace Sweeps.Lstm.Training;

/// <summary>Reported after every epoch, for progress displays and early-stopping schedulers.</summary>
public sealed record EpochResult(int Epoch, int MaxEpochs, double TrainLoss, double ValidLoss);
