using Sweeps.Core.Jobs;

namespace Sweeps.Cluster.Workers;

/// <summary>
/// A trial's checkpoints that remember whether the job used them, so that a finished trial's are removed only when it
/// could have any: jobs that never checkpoint (noop, geometry) cost the store nothing. A job that finds a checkpoint
/// is said to resume (<paramref name="resumes"/>, for the worker's log).
/// </summary>
internal sealed class TouchedCheckpoints(ITrialCheckpoints inner, Action<long> resumes) : ITrialCheckpoints
{
    public bool Touched { get; private set; }

    public bool Enabled => inner.Enabled;

    public long MaxBytes => inner.MaxBytes;

    public TrialCheckpoint? Latest()
    {
        Touched = true;
        var latest = inner.Latest();
        if (latest is not null) resumes(latest.Step);
        return latest;
    }

    public void Save(long step, ReadOnlyMemory<byte> state)
    {
        Touched = true;
        inner.Save(step, state);
    }

    public void Clear() => inner.Clear();
}
