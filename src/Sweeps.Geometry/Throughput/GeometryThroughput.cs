using System.Diagnostics;
using Sweeps.Geometry.Angles;
using Sweeps.Geometry.BallInCube;
using Sweeps.Geometry.DistanceConcentration;
using Sweeps.Geometry.GridOccupancy;
using Sweeps.Geometry.Knn;
using Sweeps.Geometry.ShellFraction;

namespace Sweeps.Geometry;

/// <summary>
/// Measures each geometry job's throughput on the calling thread (one core), for <c>sweeps bench geometry</c>.
/// Each case doubles its size until one run takes half the budget, so the first runs also warm the JIT.
/// </summary>
public static class GeometryThroughput
{
    public static IReadOnlyList<int> DefaultDimensions { get; } = [2, 100, 1000];

    /// <summary>Plain C at -O3 with xoshiro256+, one core (stack.md): angle pairs per second by dimension.</summary>
    public static IReadOnlyDictionary<int, double> PlainCAnglePairsPerSecond { get; } =
        new Dictionary<int, double> { [2] = 26e6, [100] = 3.55e6, [1000] = 0.38e6 };

    private sealed record Case(string Kind, string Unit, long MaxSize, Func<int, long, long> Run);

    private static readonly Case[] Cases =
    [
        new(AnglesJob.Kind, "pairs", long.MaxValue, (d, n) => { AngleSampler.Sample(new AngleSettings(d, n), 1); return n; }),
        new(BallInCubeJob.Kind, "samples", long.MaxValue, (d, n) => { BallInCubeSampler.Sample(new BallInCubeSettings(d, n), 1); return n; }),
        new(ShellFractionJob.Kind, "samples", long.MaxValue, (d, n) => { ShellFractionSampler.Sample(new ShellFractionSettings(d, 0.01, n), 1); return n; }),
        new(GridOccupancyJob.Kind, "points", GridOccupancySettings.MaxPoints, (d, n) => { GridOccupancySampler.Sample(new GridOccupancySettings(d, n), 1); return n; }),
        new(DistanceConcentrationJob.Kind, "distances", long.MaxValue, (d, n) =>
        {
            var queries = Math.Max(2, n / 1000);
            DistanceConcentrationSampler.Sample(new DistanceConcentrationSettings(d, 1000, queries), 1);
            return queries * 1000;
        }),
        new(KnnJob.Kind, "distances", long.MaxValue, (d, n) =>
        {
            var train = (int)Math.Min(1000, KnnSettings.MaxTrainingCoordinates / d);
            var test = Math.Max(1, n / train);
            KnnSampler.Sample(new KnnSettings(d, Math.Min(2, d), train, test, Math.Min(5, train)), 1);
            return test * train;
        }),
    ];

    public static IReadOnlyList<string> Kinds => Array.ConvertAll(Cases, c => c.Kind);

    /// <param name="kinds">Job kinds to measure; null for all six.</param>
    public static IReadOnlyList<ThroughputFigure> Measure(
        IEnumerable<int> dimensions, TimeSpan budgetPerCase, IEnumerable<string>? kinds = null, CancellationToken cancellation = default)
    {
        var wanted = kinds?.ToHashSet(StringComparer.Ordinal);
        var dims = dimensions.ToArray();
        var figures = new List<ThroughputFigure>();
        foreach (var c in Cases)
        {
            if (wanted is not null && !wanted.Contains(c.Kind)) continue;
            foreach (var d in dims)
            {
                cancellation.ThrowIfCancellationRequested();
                double? reference = c.Kind == AnglesJob.Kind && PlainCAnglePairsPerSecond.TryGetValue(d, out var r) ? r : null;
                var (wall, cpu) = PerSecond(c, d, budgetPerCase);
                figures.Add(new ThroughputFigure(c.Kind, d, c.Unit, wall, reference, cpu));
            }
        }
        return figures;
    }

    private static (double Wall, double? Cpu) PerSecond(Case c, int dimension, TimeSpan budget)
    {
        var target = budget.TotalSeconds / 2;
        var size = Math.Max(2, 4096 / dimension);
        using var process = Process.GetCurrentProcess();
        while (true)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            var units = c.Run(dimension, size);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            if (seconds >= target || size >= c.MaxSize)
                return (units / Math.Max(seconds, 1e-9), cpuSeconds > 0.02 ? units / cpuSeconds : null);
            var factor = Math.Clamp(target / Math.Max(seconds, 1e-6), 2, 16);
            size = (int)Math.Min(Math.Min(size * factor, c.MaxSize), int.MaxValue);
        }
    }
}
