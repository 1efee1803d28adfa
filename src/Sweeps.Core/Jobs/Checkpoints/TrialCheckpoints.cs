namespace Sweeps.Core.Jobs;

/// <summary>The checkpoint stores that need no orchestrator, and the checks every store shares.</summary>
public static class TrialCheckpoints
{
    /// <summary>64 MiB: the default limit of one trial's checkpoint.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>Keeps nothing: <see cref="ITrialCheckpoints.Latest"/> is always null and saving does nothing. The default of <see cref="JobContext"/>.</summary>
    public static ITrialCheckpoints None { get; } = new Nothing();

    /// <summary>Refuses a negative step or a state over <paramref name="maxBytes"/>, naming the trial.</summary>
    public static void CheckSave(string trial, long step, int length, long maxBytes)
    {
        if (step < 0) throw new TrialCheckpointException($"checkpoint of {trial}: step must be 0 or more, got {step}");
        if (length > maxBytes)
            throw new TrialCheckpointException(
                $"checkpoint of {trial} is {length:N0} bytes, more than the limit of {maxBytes:N0} bytes of its checkpoint store; save less state, or raise the store's limit");
    }

    /// <summary>How a trial is named in messages: sweep/index, or just the index outside the orchestrator.</summary>
    public static string Describe(string sweep, long trialIndex) => sweep.Length == 0 ? $"trial {trialIndex}" : $"trial {sweep}/{trialIndex}";

    private sealed class Nothing : ITrialCheckpoints
    {
        public bool Enabled => false;
        public long MaxBytes => 0;
        public TrialCheckpoint? Latest() => null;
        public void Save(long step, ReadOnlyMemory<byte> state) { }
        public void Clear() { }
    }
}
