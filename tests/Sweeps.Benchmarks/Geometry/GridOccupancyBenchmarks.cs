using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.GridOccupancy;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>geometry.grid-occupancy on one core; one operation is one point binned, hashed and counted.</summary>
[MemoryDiagnoser]
public class GridOccupancyBenchmarks
{
    private const int Points = 1 << 14;

    private GridOccupancySettings _settings = null!;

    [Params(3, 6, 100, 1000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => _settings = new GridOccupancySettings(Dimension, Points);

    [Benchmark(OperationsPerInvoke = Points)]
    public long GridOccupancy() => GridOccupancySampler.Sample(_settings, 1).OccupiedCells;
}
