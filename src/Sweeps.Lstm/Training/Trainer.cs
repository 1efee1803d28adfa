using System.Diagnostics;
using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;
using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Training;

/// <summary>
/// Trains a network on a task: mini-batches (1 = per-sequence updates), full BPTT, optional norm clipping,
/// early stopping on the validation loss. Divergence (a non-finite loss or an exploding cell state) ends
/// training without throwing; the parameters of the best epoch so far (or the initial ones) are then scored.
/// </summary>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SequenceTask _task;
    private readonly TrainingOptions _options;
    private readonly ulong _seed;

    public Trainer(SequenceTask task, TrainingOptions options, ulong seed)
    {
        _task = task;
        _options = options;
        _seed = seed;
        var maxBatch = Math.Max(options.Batch, options.EvaluationBatch);
        var steps = Math.Max(task.Train.Steps, Math.Max(task.Valid.Steps, task.Test.Steps));
        Network = new LstmNetwork<T>(
            new NetworkShape(options.Variant, task.InputSize, options.Hidden, options.Layers, task.OutputSize, task.Output),
            maxBatch, steps);
        Network.Initialize(Rng.For(seed, 100));
        Buffer = new SequenceBatch<T>(task.InputSize, task.OutputSize, maxBatch, steps);
    }

    public LstmNetwork<T> Network { get; }

    private SequenceBatch<T> Buffer { get; }

    /// <summary>
    /// Trains until <see cref="TrainingOptions.MaxEpochs"/>, early stopping or divergence. With <paramref name="checkpoints"/>,
    /// it first resumes from the latest checkpoint (if any) and saves one after every epoch, so that an interrupted training
    /// continues at the next epoch and ends exactly as an uninterrupted one would.
    /// </summary>
    /// <exception cref="Core.Jobs.TrialCheckpointException">The latest checkpoint is of another training, damaged, or a new one is too large.</exception>
    public TrainingReport Train(CancellationToken cancellation = default, Action<EpochResult>? onEpoch = null, TrainingCheckpoints? checkpoints = null)
    {
        var options = _options;
        var optimizer = Optimizer<T>.Create(options.Optimizer, Network.Parameters.Length, options.LearningRate, options.Momentum);
        var order = Rng.For(_seed, 200);
        var noise = Rng.For(_seed, 300);
        var clip = T.CreateChecked(options.Clip);
        var maxCell = T.CreateChecked(options.MaxCellState);

        var store = checkpoints is { Store.Enabled: true } ? checkpoints.Store : null;
        var description = store is null ? "" : TrainingCheckpoint.Describe<T>(_task, options, _seed, checkpoints!.Identity);
        var latest = store?.Latest();
        var state = latest is null
            ? new TrainingState<T>((T[])Network.Parameters.Clone(),
                Evaluation.Of(Network, _task, _task.Valid, Buffer, options.EvaluationBatch, cancellation).Loss)
            : TrainingCheckpoint.Read(latest, description, options.MaxEpochs, Network.Parameters, optimizer, order, noise);
        using var buffer = store is null ? null : new MemoryStream();
        long? divergedAt = null;
        var clock = new Stopwatch();

        // Early stopping is checked before an epoch, so that a training resumed after its last epoch ends at once; a patience
        // below 1 stops at the first epoch without improvement, as 1 does.
        var patience = Math.Max(options.Patience, 1);
        while (state.Epoch < options.MaxEpochs && state.SinceBest < patience)
        {
            var epoch = state.Epoch + 1;
            long updates = state.Updates, trained = state.Trained;
            clock.Start();
            var (trainLoss, divergence) = RunEpoch(optimizer, order, noise, clip, maxCell, cancellation, ref updates, ref trained);
            clock.Stop();
            (state.Updates, state.Trained) = (updates, trained);
            if (divergence is not null)
            {
                divergedAt = divergence;
                break;
            }
            state.Epoch = epoch;
            var valid = Evaluation.Of(Network, _task, _task.Valid, Buffer, options.EvaluationBatch, cancellation).Loss;
            if (!double.IsFinite(valid))
            {
                divergedAt = state.Updates;
                break;
            }
            state.Curve.Add(valid);
            onEpoch?.Invoke(new EpochResult(epoch, options.MaxEpochs, trainLoss, valid));
            if (valid < state.BestValid)
            {
                state.BestValid = valid;
                Network.Parameters.CopyTo(state.BestParameters, 0);
                state.SinceBest = 0;
            }
            else
            {
                state.SinceBest++;
            }
            if (store is not null)
            {
                TrainingCheckpoint.Write(buffer!, description, state, state.Seconds + clock.Elapsed.TotalSeconds, Network.Parameters, optimizer, order, noise);
                store.Save(epoch, new ReadOnlyMemory<byte>(buffer!.GetBuffer(), 0, (int)buffer.Length));
            }
        }

        state.BestParameters.CopyTo(Network.Parameters, 0);
        var bestTrain = Evaluation.Of(Network, _task, _task.Train, Buffer, options.EvaluationBatch, cancellation).Loss;
        var test = Evaluation.Of(Network, _task, _task.Test, Buffer, options.EvaluationBatch, cancellation);
        var totalSeconds = state.Seconds + clock.Elapsed.TotalSeconds;
        return new TrainingReport(bestTrain, state.BestValid, test.Loss, test.Accuracy, _task.Test.OptimalLoss, state.Epoch, state.Updates,
            divergedAt is not null, divergedAt, totalSeconds > 0 ? state.Trained / totalSeconds : 0, state.Curve.ToArray());
    }

    /// <summary>One pass over the training split; returns the mean training loss, or the update at which training diverged.</summary>
    private (double Loss, long? DivergedAt) RunEpoch(Optimizer<T> optimizer, Rng order, Rng noise, T clip, T maxCell,
        CancellationToken cancellation, ref long updates, ref long trained)
    {
        var split = _task.Train;
        var batch = Math.Min(_options.Batch, split.Count);
        int[] indices;
        Func<int, int, int> sequenceAt;
        int batches;
        if (_task.Continual)
        {
            // One stream cut into `batch` lanes; update k takes the k-th piece of every lane, so each lane's state carries on.
            var lane = split.Count / batch;
            indices = [];
            batches = lane;
            sequenceAt = (k, b) => b * lane + k;
        }
        else
        {
            indices = Enumerable.Range(0, split.Count).ToArray();
            order.Shuffle(indices);
            batches = (split.Count + batch - 1) / batch;
            sequenceAt = (k, b) => indices[k * batch + b];
        }

        Network.ResetState();
        double lossSum = 0;
        long rows = 0;
        for (var k = 0; k < batches; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var size = _task.Continual ? batch : Math.Min(batch, split.Count - k * batch);
            BatchFiller.Fill(Buffer, split, b => sequenceAt(k, b), size, _options.InputNoise, noise);
            var loss = Network.Forward(Buffer);
            if (!T.IsFinite(loss) || !(Network.MaxAbsCell <= maxCell)) return (double.NaN, updates);
            Network.Backward();
            if (clip > T.Zero) Optimizer<T>.ClipNorm(Network.Gradients, clip);
            optimizer.Update(Network.Parameters, Network.Gradients);
            if (_task.Continual) Network.CarryState();
            updates++;
            trained += size;
            lossSum += double.CreateChecked(loss) * size;
            rows += size;
        }
        Network.ResetState();
        return (rows == 0 ? 0 : lossSum / rows, null);
    }
}
