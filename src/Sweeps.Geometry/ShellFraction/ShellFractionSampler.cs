using System.Numerics.Tensors;
using Sweeps.Geometry.Kernels;
using Sweeps.Geometry.Random;
using Sweeps.Geometry.Running;
using Sweeps.Geometry.Statistics;

namespace Sweeps.Geometry.ShellFraction;

/// <summary>
/// Draws points uniform in the unit D-ball (a Gaussian direction times a radius U^(1/D)) and counts those
/// farther than 1 - eps from the centre. No rejection from the cube, which would almost never hit at D = 100.
/// </summary>
/// <remarks>
/// The point is built and measured for real, coordinates and all, although its radius is U^(1/D) by construction:
/// the job exists to show the skin holding the volume, and the Gaussian generator is checked by it on the way.
/// </remarks>
public static class ShellFractionSampler
{
    public static ShellFractionEstimate Sample(ShellFractionSettings settings, ulong seed, CancellationToken cancellation = default, Action<double>? progress = null)
    {
        var d = settings.Dimension;
        var perChunk = ChunkSize.For(d, settings.Samples);
        var coordinates = new double[perChunk * d];
        var uniforms = new double[perChunk];
        var random = new Xoshiro256Lanes(seed);
        var meter = new ProgressMeter(settings.Samples, cancellation, progress);
        var inverseDimension = 1.0 / d;
        var inner = 1 - settings.Epsilon;
        long hits = 0;

        for (long done = 0; done < settings.Samples;)
        {
            var n = (int)Math.Min(perChunk, settings.Samples - done);
            var chunk = coordinates.AsSpan(0, n * d);
            random.FillGaussian(chunk);
            random.FillUnit(uniforms.AsSpan(0, n));
            for (var p = 0; p < n; p++)
            {
                var point = chunk.Slice(p * d, d);
                var length = Math.Sqrt(Reductions.SumOfSquares(point));
                // Box-Muller gives an all-zero vector with probability below 2^-52 per pair: give it a direction.
                if (length == 0) { point[0] = 1; length = 1; }
                var radius = Math.Pow(1 - uniforms[p], inverseDimension);
                TensorPrimitives.Multiply(point, radius / length, point);
                if (Math.Sqrt(Reductions.SumOfSquares(point)) > inner) hits++;
            }
            done += n;
            meter.Advance(done);
        }
        meter.Finish();
        return new ShellFractionEstimate(d, settings.Epsilon, new Proportion(hits, settings.Samples));
    }
}
