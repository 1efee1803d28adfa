using System.Diagnostics;
using Sweeps.Core.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm;

/// <summary>
/// What <c>sweeps bench lstm --checkpoints</c> runs: the time of an epoch of lstm.train's default task (adding, 1000 sequences of 50 steps)
/// with and without a checkpoint after it, in one run: trainings without and with checkpoints alternate, each timing the epochs
/// from one end of an epoch (after validation) to the next, which includes the checkpoint of the epoch before.
/// Adam, whose two moment vectors make the largest checkpoint.
/// </summary>
public static class CheckpointBench
{
    /// <summary>Pairs of trainings, in the order without-with, with-without, ... so that a load that grows or fades favours neither.</summary>
    public const int Rounds = 4;

    public static CheckpointBenchResult Measure(LstmVariant variant, int hidden, int batch, int epochs, string folder)
    {
        if (hidden < 1 || batch < 1 || epochs < 2) throw new ArgumentOutOfRangeException(nameof(epochs), "hidden and batch must be at least 1, epochs at least 2");
        var task = AddingTask.Generate(TaskSizes.Default, seed: 1);
        var options = new TrainingOptions
        {
            Variant = variant, Hidden = hidden, Batch = batch, MaxEpochs = epochs, Patience = int.MaxValue,
            Optimizer = OptimizerKind.Adam, LearningRate = 1e-3,
        };
        var store = new FolderCheckpointStore(folder);
        List<double> without = [], with = [], costs = [], saves = [];
        long bytes = 0;
        for (var round = 0; round < Rounds; round++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                if ((round + turn) % 2 == 0)
                {
                    without.AddRange(Intervals(Train(task, options, null)));
                    continue;
                }
                var timed = new TimedCheckpoints(store.For("bench-checkpoints", round));
                var ends = Train(task, options, timed);
                with.AddRange(Intervals(ends));
                costs.AddRange(ends.Zip(timed.Ends, (end, saved) => Stopwatch.GetElapsedTime(end, saved).TotalMilliseconds));
                saves.AddRange(timed.Milliseconds);
                bytes = timed.Bytes;
            }
        }
        return new CheckpointBenchResult(variant, hidden, batch, without.Count, Median(without), without.Min(), Median(with), with.Min(),
            Median(costs), bytes, Median(saves));
    }

    /// <summary>When each epoch ended (its validation done, before its checkpoint).</summary>
    private static List<long> Train(SequenceTask task, TrainingOptions options, ITrialCheckpoints? checkpoints)
    {
        var ends = new List<long>();
        var report = new Trainer<float>(task, options, seed: 1).Train(
            onEpoch: _ => ends.Add(Stopwatch.GetTimestamp()),
            checkpoints: checkpoints is null ? null : new TrainingCheckpoints(checkpoints, "bench"));
        if (report.Diverged) throw new InvalidOperationException("the benchmark's training diverged; try another --hidden");
        return ends;
    }

    private static IEnumerable<double> Intervals(List<long> ends) => ends.Zip(ends.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Times each save (writing, flushing to disk and renaming the file) and notes when it ended.</summary>
    private sealed class TimedCheckpoints(ITrialCheckpoints inner) : ITrialCheckpoints
    {
        public List<double> Milliseconds { get; } = [];
        public List<long> Ends { get; } = [];
        public long Bytes { get; private set; }
        public bool Enabled => inner.Enabled;
        public long MaxBytes => inner.MaxBytes;
        public TrialCheckpoint? Latest() => inner.Latest();

        public void Save(long step, ReadOnlyMemory<byte> state)
        {
            var start = Stopwatch.GetTimestamp();
            inner.Save(step, state);
            var end = Stopwatch.GetTimestamp();
            Milliseconds.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            Ends.Add(end);
            Bytes = state.Length;
        }
    }
}

/// <summary>
/// Epoch times without and with a checkpoint after every epoch (median and fastest: on a shared machine the fastest carries
/// the least of other people's load), and the checkpoint's own cost measured directly: from the end of an epoch's validation
/// to its checkpoint saved (serialising the state, writing, flushing to disk, renaming).
/// </summary>
public sealed record CheckpointBenchResult(LstmVariant Variant, int Hidden, int Batch, int EpochsTimed,
    double EpochMilliseconds, double FastestEpochMilliseconds,
    double EpochWithCheckpointMilliseconds, double FastestEpochWithCheckpointMilliseconds,
    double CheckpointMilliseconds, long CheckpointBytes, double SaveMilliseconds)
{
    /// <summary>The extra time of an epoch with checkpoints, from the medians, as a share of its time without (0.05 = 5%).</summary>
    public double ExtraShare => EpochWithCheckpointMilliseconds / EpochMilliseconds - 1;

    /// <summary>The same from the fastest epochs.</summary>
    public double FastestExtraShare => FastestEpochWithCheckpointMilliseconds / FastestEpochMilliseconds - 1;

    /// <summary>The checkpoint's measured cost as a share of the fastest epoch without one.</summary>
    public double CheckpointShare => CheckpointMilliseconds / FastestEpochMilliseconds;
}
