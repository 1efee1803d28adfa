using System.Diagnostics;
using Sweeps.Core.Jobs;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;

namespace Sweeps.Lstm;

/// <summary>
/// What <c>sweeps bench lstm --checkpoints</c> runs: the time of an epoch of lstm.train's default task (adding, 1000 sequences of 50 steps)
/// with and without a checkpoint after it, in one run. Trainings without and with checkpoints alternate; each times its epochs from
/// one end of an epoch (after validation) to the next, which includes the checkpoint of the epoch before, by the wall clock and by
/// the training thread's processor time (<see cref="ThreadCpuClock"/>), which other processes' load does not stretch. The checkpoint
/// is also timed on its own. Adam, whose two moment vectors make the largest checkpoint.
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
        List<Moment> without = [], with = [], costs = [];
        List<double> saves = [];
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
                costs.AddRange(ends.Zip(timed.Ends, (end, saved) => saved - end));
                saves.AddRange(timed.Milliseconds);
                bytes = timed.Bytes;
            }
        }
        return new CheckpointBenchResult(variant, hidden, batch, without.Count,
            new EpochTimes(Median(without, m => m.Wall), without.Min(m => m.Wall), Median(without, m => m.Cpu)),
            new EpochTimes(Median(with, m => m.Wall), with.Min(m => m.Wall), Median(with, m => m.Cpu)),
            Median(costs, m => m.Wall), Median(costs, m => m.Cpu), bytes, Median(saves, s => s))
        {
            ProcessorTimeMeasured = ThreadCpuClock.IsThreadTime,
        };
    }

    /// <summary>When each epoch ended (its validation done, before its checkpoint).</summary>
    private static List<Moment> Train(SequenceTask task, TrainingOptions options, ITrialCheckpoints? checkpoints)
    {
        var ends = new List<Moment>();
        var report = new Trainer<float>(task, options, seed: 1).Train(
            onEpoch: _ => ends.Add(Moment.Now()),
            checkpoints: checkpoints is null ? null : new TrainingCheckpoints(checkpoints, "bench"));
        if (report.Diverged) throw new InvalidOperationException("the benchmark's training diverged; try another --hidden");
        return ends;
    }

    private static IEnumerable<Moment> Intervals(List<Moment> ends) => ends.Zip(ends.Skip(1), (a, b) => b - a);

    private static double Median<T>(List<T> values, Func<T, double> of)
    {
        var sorted = values.Select(of).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A point in time by both clocks, or (as a difference) a span in milliseconds by both.</summary>
    private readonly record struct Moment(double Wall, double Cpu)
    {
        public static Moment Now() => new(Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency, ThreadCpuClock.Nanoseconds() / 1e6);

        public static Moment operator -(Moment later, Moment earlier) => new(later.Wall - earlier.Wall, later.Cpu - earlier.Cpu);
    }

    /// <summary>Times each save (writing, flushing to disk and renaming the file) and notes when it ended.</summary>
    private sealed class TimedCheckpoints(ITrialCheckpoints inner) : ITrialCheckpoints
    {
        public List<double> Milliseconds { get; } = [];
        public List<Moment> Ends { get; } = [];
        public long Bytes { get; private set; }
        public bool Enabled => inner.Enabled;
        public long MaxBytes => inner.MaxBytes;
        public TrialCheckpoint? Latest() => inner.Latest();
        public void Clear() => inner.Clear();

        public void Save(long step, ReadOnlyMemory<byte> state)
        {
            var start = Stopwatch.GetTimestamp();
            inner.Save(step, state);
            Milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Ends.Add(Moment.Now());
            Bytes = state.Length;
        }
    }
}
