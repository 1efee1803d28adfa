namespace Sweeps.Core.Jobs;

/// <summary>Keeps the checkpoints of many trials (a folder all nodes share, the results store, memory); hands each trial its own.</summary>
public interface ICheckpointStore
{
    /// <summary>The checkpoints of one trial, whatever its attempt: a new attempt finds what the last one saved.</summary>
    ITrialCheckpoints For(string sweep, long trialIndex);
}
