using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.DistanceConcentration;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>geometry.distance-concentration on one core; one operation is one distance (a point drawn and compared with the query).</summary>
[MemoryDiagnoser]
public class DistanceConcentrationBenchmarks
{
    private const int Points = 1000;
    private const int Queries = 16;

    private DistanceConcentrationSettings _settings = null!;

    [Params(2, 100, 1000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => _settings = new DistanceConcentrationSettings(Dimension, Points, Queries);

    [Benchmark(OperationsPerInvoke = Points * Queries)]
    public double DistanceConcentration() => DistanceConcentrationSampler.Sample(_settings, 1).RelativeContrast;
}
