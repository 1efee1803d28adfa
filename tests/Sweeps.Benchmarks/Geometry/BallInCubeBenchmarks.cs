using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.BallInCube;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>geometry.ball-in-cube on one core; one operation is one point drawn in the cube and tested.</summary>
[MemoryDiagnoser]
public class BallInCubeBenchmarks
{
    private const int Samples = 1 << 16;

    private BallInCubeSettings _settings = null!;

    [Params(3, 20, 100, 1000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => _settings = new BallInCubeSettings(Dimension, Samples);

    [Benchmark(OperationsPerInvoke = Samples)]
    public double BallInCube() => BallInCubeSampler.Sample(_settings, 1).Inside.Fraction;
}
