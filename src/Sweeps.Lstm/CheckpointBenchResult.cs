namespace Sweeps.Lstm;

/// <summary>An epoch's time in milliseconds: median and fastest by the wall clock, median by the training thread's processor time.</summary>
public sealed record EpochTimes(double Median, double Fastest, double MedianProcessor);

/// <summary>
/// What <see cref="CheckpointBench"/> measured: epochs without and with a checkpoint after each, and the checkpoint's own cost
/// from the end of an epoch's validation to its checkpoint saved (serialising the state, checksum, writing, flushing to disk,
/// renaming), by the wall clock and in processor time (the difference is mostly waiting for the disk).
/// </summary>
public sealed record CheckpointBenchResult(LstmVariant Variant, int Hidden, int Batch, int EpochsTimed, EpochTimes Without, EpochTimes With,
    double CheckpointMilliseconds, double CheckpointProcessorMilliseconds, long CheckpointBytes, double SaveMilliseconds)
{
    /// <summary>False where the processor times are wall-clock times (no per-thread clock on this system).</summary>
    public bool ProcessorTimeMeasured { get; init; }

    /// <summary>The extra wall time of an epoch with checkpoints, from the medians, as a share of its time without (0.05 = 5%).</summary>
    public double ExtraShare => With.Median / Without.Median - 1;

    /// <summary>The same from the fastest epochs.</summary>
    public double FastestExtraShare => With.Fastest / Without.Fastest - 1;

    /// <summary>The same in processor time.</summary>
    public double ProcessorExtraShare => With.MedianProcessor / Without.MedianProcessor - 1;

    /// <summary>The checkpoint's own wall time as a share of the fastest epoch without one.</summary>
    public double CheckpointShare => CheckpointMilliseconds / Without.Fastest;
}
