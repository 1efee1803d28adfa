namespace Sweeps.Core.Jobs;

/// <summary>
/// Where one trial keeps its checkpoint, across attempts and workers: a job saves its state after a step (an epoch)
/// and, when it starts again (on this worker or another), restores the latest and continues after that step.
/// Only the latest checkpoint of a trial is kept. <see cref="JobContext.Checkpoints"/> gives a job its trial's.
/// </summary>
public interface ITrialCheckpoints
{
    /// <summary>False when nothing is kept (<see cref="TrialCheckpoints.None"/>): a job can then skip building its state.</summary>
    bool Enabled { get; }

    /// <summary>The largest state <see cref="Save"/> accepts, in bytes.</summary>
    long MaxBytes { get; }

    /// <summary>The trial's latest checkpoint, or null when it has none.</summary>
    /// <exception cref="TrialCheckpointException">The stored checkpoint is damaged, too large or belongs to another trial.</exception>
    TrialCheckpoint? Latest();

    /// <summary>
    /// Keeps <paramref name="state"/> as the trial's checkpoint after <paramref name="step"/>, replacing older ones.
    /// The bytes are copied or written before this returns: the caller may reuse its buffer.
    /// </summary>
    /// <exception cref="TrialCheckpointException">The state is larger than <see cref="MaxBytes"/>, or the step is negative.</exception>
    void Save(long step, ReadOnlyMemory<byte> state);

    /// <summary>
    /// Removes the trial's checkpoints, when nothing will continue the trial any more (it finished and no scheduler may
    /// promote it): they are kept until then, whatever the attempt's outcome.
    /// </summary>
    void Clear();
}
