using System.Collections.Concurrent;

namespace Sweeps.Core.Jobs;

/// <summary>Checkpoints in this process's memory: for tests and for an embedded run, where every attempt runs in one process.</summary>
public sealed class MemoryCheckpointStore(long maxBytes = TrialCheckpoints.DefaultMaxBytes) : ICheckpointStore
{
    private readonly ConcurrentDictionary<(string Sweep, long Trial), TrialCheckpoint> _latest = new();

    public long MaxBytes { get; } = maxBytes > 0 ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "must be above 0");

    /// <summary>How many trials have a checkpoint.</summary>
    public int Count => _latest.Count;

    public ITrialCheckpoints For(string sweep, long trialIndex) => new Trial(this, sweep, trialIndex);

    private sealed class Trial(MemoryCheckpointStore store, string sweep, long index) : ITrialCheckpoints
    {
        public bool Enabled => true;
        public long MaxBytes => store.MaxBytes;

        public TrialCheckpoint? Latest() => store._latest.TryGetValue((sweep, index), out var checkpoint) ? checkpoint : null;

        public void Save(long step, ReadOnlyMemory<byte> state)
        {
            TrialCheckpoints.CheckSave(TrialCheckpoints.Describe(sweep, index), step, state.Length, MaxBytes);
            var copy = new TrialCheckpoint(step, state.ToArray());
            // Only a later step replaces a checkpoint, as in the folder store: a late save of an old attempt loses.
            store._latest.AddOrUpdate((sweep, index), copy, (_, old) => old.Step > step ? old : copy);
        }

        public void Clear() => store._latest.TryRemove((sweep, index), out _);
    }
}
