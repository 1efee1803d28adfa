using Sweeps.Core.Jobs;

namespace Sweeps.Lstm.Tests.Support;

/// <summary>A trial's checkpoints that stop the training (through its cancellation) once the checkpoint of a given step is saved: a worker killed there.</summary>
public sealed class InterruptingCheckpoints(ITrialCheckpoints inner, long stopAfterStep) : ITrialCheckpoints, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public CancellationToken Cancellation => _stop.Token;

    public bool Enabled => inner.Enabled;
    public long MaxBytes => inner.MaxBytes;
    public TrialCheckpoint? Latest() => inner.Latest();
    public void Clear() => inner.Clear();

    public void Save(long step, ReadOnlyMemory<byte> state)
    {
        inner.Save(step, state);
        if (step == stopAfterStep) _stop.Cancel();
    }

    public void Dispose() => _stop.Dispose();
}
