using BenchmarkDotNet.Attributes;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Benchmarks.Lstm;

/// <summary>The GEMM shapes of a batch-32, hidden-128 pass: the recurrent step, and the weight gradient over all steps.</summary>
public class LstmGemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [], _packed = [];

    [Params(1, 32)]
    public int Rows { get; set; }

    public int Hidden { get; set; } = 128;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        _a = Enumerable.Range(0, 3200 * Hidden).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        _b = Enumerable.Range(0, 3200 * 4 * Hidden).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        _c = new float[Math.Max(Rows, Hidden) * 4 * Hidden];
        _packed = new float[Hidden * 4 * Hidden];
        Gemm.Pack<float>(Hidden, 4 * Hidden, _b, 4 * Hidden, 1, _packed);
    }

    [Benchmark]
    public void RecurrentStep() => Gemm.MultiplyAdd<float>(Rows, 4 * Hidden, Hidden, _a, Hidden, 1, _b, 4 * Hidden, _c, 4 * Hidden);

    [Benchmark]
    public void RecurrentStepPacked() => Gemm.MultiplyAddPacked<float>(Rows, 4 * Hidden, Hidden, _a, Hidden, 1, _packed, _c, 4 * Hidden);

    [Benchmark]
    public void WeightGradient() => Gemm.MultiplyAdd<float>(Hidden, 4 * Hidden, 100 * Rows, _a, 1, Hidden, _b, 4 * Hidden, _c, 4 * Hidden);
}
