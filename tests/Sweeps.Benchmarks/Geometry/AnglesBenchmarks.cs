using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.Angles;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>
/// geometry.angles on one core; one operation is one pair. Plain C at -O3 with xoshiro256+ (stack.md):
/// 26 M pairs/s (38 ns) at D=2, 3.55 M (282 ns) at D=100, 0.38 M (2630 ns) at D=1000.
/// </summary>
[MemoryDiagnoser]
public class AnglesBenchmarks
{
    private const int Pairs = 1 << 16;

    private AngleSettings _settings = null!;

    [Params(2, 100, 1000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => _settings = new AngleSettings(Dimension, Pairs);

    [Benchmark(OperationsPerInvoke = Pairs)]
    public double Angles() => AngleSampler.Sample(_settings, 1).MeanDegrees;
}
