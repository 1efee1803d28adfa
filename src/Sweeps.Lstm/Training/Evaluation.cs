using Sweeps.Lstm.Model;
using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Training;

/// <summary>Mean loss and accuracy of a network on a split, without updates.</summary>
public sealed record Evaluation(double Loss, double? Accuracy)
{
    public static Evaluation Of<T>(LstmNetwork<T> network, SequenceTask task, TaskSplit split, SequenceBatch<T> buffer, int batchSize,
        CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lossSum = 0, rows = 0, right = 0;
        var batch = task.Continual ? 1 : Math.Min(batchSize, buffer.MaxBatch);
        network.ResetState();
        for (var first = 0; first < split.Count; first += batch)
        {
            cancellation.ThrowIfCancellationRequested();
            var size = Math.Min(batch, split.Count - first);
            BatchFiller.Fill(buffer, split, i => first + i, size, noise: 0, rng: null);
            var loss = double.CreateChecked(network.Forward(buffer));
            var counted = size * split.LossSteps.Count(s => s);
            lossSum += loss * counted;
            rows += counted;
            right += CountRight(network.Predictions, task, split, buffer, first);
            if (task.Continual) network.CarryState();
        }
        network.ResetState();
        var accuracy = task.Accuracy == AccuracyRule.None || rows == 0 ? (double?)null : right / rows;
        return new Evaluation(rows == 0 ? 0 : lossSum / rows, accuracy);
    }

    private static int CountRight<T>(ReadOnlySpan<T> predictions, SequenceTask task, TaskSplit split, SequenceBatch<T> batch, int first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (task.Accuracy == AccuracyRule.None) return 0;
        int k = task.OutputSize, right = 0;
        for (var t = 0; t < batch.Steps; t++)
        {
            if (!split.LossSteps[t]) continue;
            for (var b = 0; b < batch.Batch; b++)
            {
                var prediction = predictions.Slice((t * batch.Batch + b) * k, k);
                var sequence = split.Sequences[first + b];
                if (IsRight(prediction, sequence, t, k, task)) right++;
            }
        }
        return right;
    }

    private static bool IsRight<T>(ReadOnlySpan<T> prediction, Sequence sequence, int t, int k, SequenceTask task)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (task.Accuracy == AccuracyRule.WithinTolerance)
        {
            for (var j = 0; j < k; j++)
                if (!(Math.Abs(double.CreateChecked(prediction[j]) - sequence.Targets[t * k + j]) < task.Tolerance)) return false;
            return true;
        }
        if (task.Accuracy == AccuracyRule.MostProbable)
        {
            int best = 0, target = 0;
            for (var j = 1; j < k; j++)
            {
                if (prediction[j] > prediction[best]) best = j;
                if (sequence.Targets[t * k + j] > sequence.Targets[t * k + target]) target = j;
            }
            return best == target;
        }
        // Legal symbols: every allowed symbol more probable than every forbidden one.
        double lowestLegal = double.PositiveInfinity, highestIllegal = double.NegativeInfinity;
        for (var j = 0; j < k; j++)
        {
            var p = double.CreateChecked(prediction[j]);
            if (sequence.Legal![t * k + j] != 0) lowestLegal = Math.Min(lowestLegal, p);
            else highestIllegal = Math.Max(highestIllegal, p);
        }
        return lowestLegal > highestIllegal;
    }
}
