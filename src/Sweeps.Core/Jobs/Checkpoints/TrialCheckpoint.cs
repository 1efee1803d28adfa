namespace Sweeps.Core.Jobs;

/// <summary>A trial's saved state: the bytes a job wrote and the step (an epoch, a chunk of samples) they belong to.</summary>
public sealed class TrialCheckpoint(long step, ReadOnlyMemory<byte> state)
{
    /// <summary>The step the job had finished when it saved: it continues at the next one.</summary>
    public long Step { get; } = step;

    /// <summary>The job's own bytes; their format is the job's business (version it).</summary>
    public ReadOnlyMemory<byte> State { get; } = state;
}
