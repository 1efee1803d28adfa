using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.ExamplePlugin;

/// <summary>
/// Estimates pi by throwing <c>samples</c> seeded points at the unit square and counting those inside the quarter circle:
/// small, deterministic by seed, with a parameter, metrics, progress and cancellation. When <c>data_file</c> names a file
/// that is not on this worker, it refuses the trial (it cannot run here at all) rather than fail it.
/// </summary>
public sealed class PiEstimateJob : IJob
{
    private const int Chunk = 10_000;

    /// <summary>How Sweeps finds this job in the plugin: a public static Definition.</summary>
    public static JobDefinition Definition { get; } = new(
        "example.pi",
        "Estimates pi from seeded random points in the unit square (an example plugin job).",
        [
            JobParameter.Integer("samples", "points to throw").Within(1, 100_000_000),
            JobParameter.Text("data_file", "a file this job needs on the worker; it refuses trials where it is missing (empty: none)", ""),
        ],
        ["pi", "error"],
        () => new PiEstimateJob());

    public JobResult Run(JobContext context)
    {
        var samples = context.Parameters.GetInteger("samples", 0);
        if (samples < 1) throw new JobParameterException("samples", $"must be at least 1, got {samples}");
        var dataFile = context.Parameters.GetText("data_file", "");
        if (dataFile.Length > 0 && !File.Exists(dataFile))
            throw new TrialRefusedException($"the data file {dataFile} is not on this worker");

        var random = new Random(unchecked((int)context.Seed ^ (int)(context.Seed >> 32)));
        long inside = 0;
        for (long done = 0; done < samples;)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var n = Math.Min(Chunk, samples - done);
            for (var i = 0; i < n; i++)
            {
                double x = random.NextDouble(), y = random.NextDouble();
                if (x * x + y * y <= 1) inside++;
            }
            done += n;
            context.Progress.Report((double)done / samples, done, new Dictionary<string, double> { ["pi"] = 4.0 * inside / done });
        }
        var pi = 4.0 * inside / samples;
        return JobResult.Of(("pi", pi), ("error", Math.Abs(pi - Math.PI)));
    }
}
