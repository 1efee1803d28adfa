using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.Random;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>The 32-lane xoshiro256+ generator and its maps; one operation is one double.</summary>
public class GeneratorBenchmarks
{
    private const int Length = 4096;

    private readonly double[] _values = new double[Length];
    private readonly Xoshiro256Lanes _random = new(1);

    [Benchmark(OperationsPerInvoke = Length)]
    public double Uniform()
    {
        _random.FillUnit(_values);
        return _values[0];
    }

    [Benchmark(OperationsPerInvoke = Length)]
    public double Gaussian()
    {
        _random.FillGaussian(_values);
        return _values[0];
    }
}
