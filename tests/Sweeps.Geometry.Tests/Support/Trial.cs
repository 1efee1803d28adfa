using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Geometry;

namespace Sweeps.Geometry.Tests.Support;

/// <summary>Runs a registered geometry job the way a worker would: by kind, with parameters written as in a spec.</summary>
public static class Trial
{
    private static readonly JobRegistry Registry = GeometryJobs.Register(new JobRegistry());

    public static JobResult Run(string kind, string parameters, ulong seed = 42, CancellationToken cancellation = default, IJobProgress? progress = null)
    {
        var job = Registry.Get(kind).Create();
        return job.Run(new JobContext(Parse(parameters), seed, cancellation, progress));
    }

    /// <summary>"dimension=3, samples=1000, epsilon=0.1": integers stay integers, anything with a point or exponent is real.</summary>
    public static TrialParameters Parse(string parameters) =>
        new(parameters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
        {
            var (name, text) = (pair.Split('=')[0].Trim(), pair.Split('=')[1].Trim());
            var value = long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var whole)
                ? ParameterValue.Of(whole)
                : ParameterValue.Of(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            return KeyValuePair.Create(name, value);
        }));
}
