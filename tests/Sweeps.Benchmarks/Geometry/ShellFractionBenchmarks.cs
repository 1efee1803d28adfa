using BenchmarkDotNet.Attributes;
using Sweeps.Geometry.ShellFraction;

namespace Sweeps.Benchmarks.Geometry;

/// <summary>geometry.shell-fraction on one core; one operation is one point drawn in the ball (D Gaussians and a radius) and measured.</summary>
[MemoryDiagnoser]
public class ShellFractionBenchmarks
{
    private const int Samples = 1 << 14;

    private ShellFractionSettings _settings = null!;

    [Params(3, 100, 400)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => _settings = new ShellFractionSettings(Dimension, 0.01, Samples);

    [Benchmark(OperationsPerInvoke = Samples)]
    public double ShellFraction() => ShellFractionSampler.Sample(_settings, 1).InShell.Fraction;
}
