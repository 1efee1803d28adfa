using Sweeps.Core.Jobs;

namespace Sweeps.Cluster.Hosting;

/// <summary>Every job kind this build of Sweeps can run.</summary>
public static class KnownJobs
{
    public static JobRegistry Create() => new JobRegistry()
        .Register(NoopJob.Definition);
}
