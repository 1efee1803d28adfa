using System.Runtime.CompilerServices;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Model;

/// <summary>A dense layer from the top LSTM layer to the outputs, and the loss: the mean over the steps that carry a target.</summary>
/// <remarks>Parameters: the weights transposed (H x K), then the biases (K).</remarks>
public sealed class OutputLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters, _gradients;
    private readonly int _at;
    private readonly T[] _predictions, _dLogits, _inputGrad, _weightsBack;
    private int _rows;

    public OutputLayer(OutputKind kind, int inputs, int outputs, T[] parameters, T[] gradients, int offset, int maxRows)
    {
        Kind = kind;
        Inputs = inputs;
        Outputs = outputs;
        _parameters = parameters;
        _gradients = gradients;
        _at = offset;
        _predictions = new T[maxRows * outputs];
        _dLogits = new T[maxRows * outputs];
        _inputGrad = new T[maxRows * inputs];
        _weightsBack = new T[inputs * outputs];
    }

    public OutputKind Kind { get; }
    public int Inputs { get; }
    public int Outputs { get; }
    public int ParameterCount => (Inputs + 1) * Outputs;

    /// <summary>Outputs after the output activation (probabilities, or values for regression), rows x K.</summary>
    public ReadOnlySpan<T> Predictions => _predictions.AsSpan(0, _rows * Outputs);

    public ReadOnlySpan<T> InputGradients => _inputGrad.AsSpan(0, _rows * Inputs);

    private Span<T> Weights => _parameters.AsSpan(_at, Inputs * Outputs);
    private Span<T> Biases => _parameters.AsSpan(_at + Inputs * Outputs, Outputs);

    /// <summary>Computes predictions and the mean loss over the target-carrying steps; keeps d loss / d logits for <see cref="Backward"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T Forward(ReadOnlySpan<T> hidden, SequenceBatch<T> batch)
    {
        int k = Outputs, rows = batch.Batch * batch.Steps;
        _rows = rows;
        var logits = _predictions.AsSpan(0, rows * k);
        for (var r = 0; r < rows; r++) Biases.CopyTo(logits.Slice(r * k, k));
        Gemm.MultiplyAdd(rows, k, Inputs, hidden, Inputs, 1, Weights, k, logits, k);

        var counted = 0;
        for (var t = 0; t < batch.Steps; t++) if (batch.LossSteps[t]) counted += batch.Batch;
        var scale = T.One / T.CreateChecked(Math.Max(counted, 1));
        var total = T.Zero;
        var dLogits = _dLogits.AsSpan(0, rows * k);
        dLogits.Clear();
        for (var t = 0; t < batch.Steps; t++)
        {
            for (var b = 0; b < batch.Batch; b++)
            {
                var r = t * batch.Batch + b;
                var row = logits.Slice(r * k, k);
                var target = (ReadOnlySpan<T>)batch.Target(t, b);
                var carries = batch.LossSteps[t];
                var loss = Kind switch
                {
                    OutputKind.Linear => SquaredError(row, target),
                    OutputKind.Softmax => CrossEntropy(row, target),
                    _ => BinaryCrossEntropy(row, target),
                };
                if (!carries) continue;
                total += loss;
                // For all three pairings of activation and loss, d loss / d logit = (prediction - target), times 2 for squares.
                var d = dLogits.Slice(r * k, k);
                var factor = Kind == OutputKind.Linear ? scale + scale : scale;
                for (var j = 0; j < k; j++) d[j] = (row[j] - target[j]) * factor;
            }
        }
        return total * scale;
    }

    /// <summary>Adds the output layer's gradients and fills <see cref="InputGradients"/> (d loss / d hidden).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<T> hidden)
    {
        int k = Outputs, n = Inputs, rows = _rows;
        var dLogits = _dLogits.AsSpan(0, rows * k);
        var grad = _gradients.AsSpan(_at, ParameterCount);
        Gemm.MultiplyAdd(n, k, rows, hidden, 1, n, dLogits, k, grad, k);
        var gradBias = grad.Slice(n * k, k);
        for (var r = 0; r < rows; r++) Elementwise.AddTo<T>(dLogits.Slice(r * k, k), gradBias);

        var weights = Weights;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < k; j++)
                _weightsBack[j * n + i] = weights[i * k + j];
        var dHidden = _inputGrad.AsSpan(0, rows * n);
        dHidden.Clear();
        Gemm.MultiplyAdd(rows, n, k, dLogits, k, 1, _weightsBack, n, dHidden, n);
    }

    private static T SquaredError(Span<T> values, ReadOnlySpan<T> target)
    {
        var sum = T.Zero;
        for (var j = 0; j < values.Length; j++) sum += (values[j] - target[j]) * (values[j] - target[j]);
        return sum;
    }

    /// <summary>Turns logits into softmax probabilities in place; returns -sum target log p.</summary>
    private static T CrossEntropy(Span<T> logits, ReadOnlySpan<T> target)
    {
        var max = logits[0];
        foreach (var logit in logits) max = T.Max(max, logit);
        var sum = T.Zero;
        for (var j = 0; j < logits.Length; j++) sum += T.Exp(logits[j] - max);
        var logSum = max + T.Log(sum);
        var loss = T.Zero;
        for (var j = 0; j < logits.Length; j++)
        {
            var logP = logits[j] - logSum;
            if (target[j] != T.Zero) loss -= target[j] * logP;
            logits[j] = T.Exp(logP);
        }
        return loss;
    }

    /// <summary>Turns logits into sigmoids in place; returns the binary cross-entropy, computed stably from the logits.</summary>
    private static T BinaryCrossEntropy(Span<T> logits, ReadOnlySpan<T> target)
    {
        var loss = T.Zero;
        for (var j = 0; j < logits.Length; j++)
        {
            var x = logits[j];
            // -[t log s(x) + (1 - t) log(1 - s(x))] = softplus(x) - t x
            loss += T.Max(x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x))) - target[j] * x;
            logits[j] = T.One / (T.One + T.Exp(-x));
        }
        return loss;
    }
}
