using Sweeps.Core.Jobs;

namespace Sweeps.Cluster.Hosting;

/// <summary>Every job kind this build of Sweeps can run.</summary>
public static class KnownJobs
{
    public static JobRegistry Create()
    {
        var registry = new JobRegistry().Register(NoopJob.Definition);
        Geometry.GeometryJobs.Register(registry);
        Lstm.LstmJobs.Register(registry);
        return registry;
    }
}
