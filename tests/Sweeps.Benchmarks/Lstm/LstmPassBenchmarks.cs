using BenchmarkDotNet.Attributes;
using Sweeps.Lstm;
using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Benchmarks.Lstm;

/// <summary>
/// One forward and backward pass of one LSTM layer, float32, 100 steps, input 32: the sizes of the libtorch
/// comparison in ../shared/guide/stack.md (batch 1/8/32 x hidden 32/128/256).
/// </summary>
[MemoryDiagnoser]
public class LstmPassBenchmarks
{
    private LstmLayer<float> _layer = null!;
    private float[] _input = [], _outputGrad = [], _gradients = [];

    [Params(LstmVariant.Np, LstmVariant.Vanilla)]
    public LstmVariant Variant { get; set; }

    [Params(1, 8, 32)]
    public int Batch { get; set; }

    [Params(32, 128, 256)]
    public int Hidden { get; set; }

    public int Input { get; set; } = 32;

    public int Steps { get; set; } = 100;

    [GlobalSetup]
    public void Setup()
    {
        var count = new GateLayout(Variant).ParameterCount(Input, Hidden);
        var parameters = new float[count];
        _gradients = new float[count];
        var rng = new Rng(1);
        for (var p = 0; p < count; p++) parameters[p] = (float)rng.Uniform(-0.1, 0.1);
        _layer = new LstmLayer<float>(Variant, Input, Hidden, parameters, _gradients, 0, Batch, Steps);
        _input = Enumerable.Range(0, Batch * Steps * Input).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        _outputGrad = Enumerable.Range(0, Batch * Steps * Hidden).Select(_ => (float)rng.Uniform(-0.01, 0.01)).ToArray();
    }

    [Benchmark]
    public void ForwardBackward()
    {
        _layer.Forward(_input, Batch, Steps);
        Array.Clear(_gradients);
        _layer.Backward(_outputGrad, computeInputGrad: false);
    }
}
