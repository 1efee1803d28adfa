using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Model;

/// <summary>
/// Stacked LSTM layers and an output layer. All parameters live in one flat array, and so do their gradients,
/// so that optimizers, clipping and gradient checks see one vector.
/// </summary>
public sealed class LstmNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LstmLayer<T>[] _layers;
    private readonly OutputLayer<T> _output;
    private SequenceBatch<T>? _lastBatch;

    public LstmNetwork(NetworkShape shape, int maxBatch, int maxSteps)
    {
        shape.Validate();
        Shape = shape;
        Parameters = new T[shape.ParameterCount];
        Gradients = new T[shape.ParameterCount];
        _layers = new LstmLayer<T>[shape.Layers];
        var offset = 0;
        for (var l = 0; l < shape.Layers; l++)
        {
            var inputs = l == 0 ? shape.Inputs : shape.Hidden;
            _layers[l] = new LstmLayer<T>(shape.Variant, inputs, shape.Hidden, Parameters, Gradients, offset, maxBatch, maxSteps);
            offset += _layers[l].ParameterCount;
        }
        _output = new OutputLayer<T>(shape.Output, shape.Hidden, shape.Outputs, Parameters, Gradients, offset, maxBatch * maxSteps);
        MaxBatch = maxBatch;
        MaxSteps = maxSteps;
    }

    public NetworkShape Shape { get; }
    public int MaxBatch { get; }
    public int MaxSteps { get; }
    public T[] Parameters { get; }
    public T[] Gradients { get; }
    public IReadOnlyList<LstmLayer<T>> Layers => _layers;
    public OutputLayer<T> Output => _output;

    /// <summary>Predictions of the last forward pass, steps x batch x outputs.</summary>
    public ReadOnlySpan<T> Predictions => _output.Predictions;

    /// <summary>The largest |c_t| in any layer during the last forward pass.</summary>
    public T MaxAbsCell => _layers.Aggregate(T.Zero, (max, layer) => T.Max(max, layer.MaxAbsCell));

    /// <summary>
    /// Weights uniform in +-1/sqrt(H), biases zero except the forget gate's at +1 (it starts by remembering),
    /// peepholes and gate-to-gate weights uniform in +-1/sqrt(H) as well.
    /// </summary>
    public void Initialize(Rng rng)
    {
        var scale = 1 / Math.Sqrt(Shape.Hidden);
        for (var p = 0; p < Parameters.Length; p++) Parameters[p] = T.CreateChecked(rng.Uniform(-scale, scale));
        foreach (var layer in _layers)
        {
            layer.Biases.Clear();
            var forget = layer.Layout.SlotToColumn[GateLayout.F];
            if (forget >= 0) layer.Biases.Slice(forget * Shape.Hidden, Shape.Hidden).Fill(T.One);
        }
        var outputBias = Parameters.AsSpan(Parameters.Length - Shape.Outputs);
        outputBias.Clear();
        ResetState();
    }

    /// <summary>Zero initial state in every layer.</summary>
    public void ResetState()
    {
        foreach (var layer in _layers) layer.ResetState();
    }

    /// <summary>The next forward pass continues where the last one ended (continual streams).</summary>
    public void CarryState()
    {
        foreach (var layer in _layers) layer.CarryState();
    }

    /// <summary>Runs the batch through the network and returns the mean loss over the steps that carry a target.</summary>
    public T Forward(SequenceBatch<T> batch)
    {
        ReadOnlySpan<T> input = batch.Inputs.AsSpan(0, batch.Batch * batch.Steps * Shape.Inputs);
        foreach (var layer in _layers)
        {
            layer.Forward(input, batch.Batch, batch.Steps);
            input = layer.Outputs;
        }
        _lastBatch = batch;
        return _output.Forward(input, batch);
    }

    /// <summary>Gradients of the last forward pass's loss, written to <see cref="Gradients"/> (previous contents are discarded).</summary>
    public void Backward()
    {
        if (_lastBatch is null) throw new InvalidOperationException("Backward needs a Forward first");
        Array.Clear(Gradients);
        _output.Backward(_layers[^1].Outputs);
        var upstream = _output.InputGradients;
        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            _layers[l].Backward(upstream, computeInputGrad: l > 0);
            upstream = _layers[l].InputGradients;
        }
    }
}
