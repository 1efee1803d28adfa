using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.Knn;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>geometry.knn on one core; one operation is one test-to-training distance (drawing the sets included).</summary>
[MemoryDiagnoser]
public class KnnBenchmarks
{
    private const int Train = 200;
    private const int Test = 200;

    private KnnSettings _settings = null!;

    [Params(2, 100, 1000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => _settings = new KnnSettings(Dimension, 2, Train, Test, 5);

    [Benchmark(OperationsPerInvoke = Train * Test)]
    public double Knn() => KnnSampler.Sample(_settings, 1).Correct.Fraction;
}
