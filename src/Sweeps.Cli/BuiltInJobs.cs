using Sweeps.Core.Jobs;

namespace Sweeps.Cli;

/// <summary>
/// Every job kind this build of Sweeps can run. The command line is the composition root: it hands this registry to
/// the node, so the orchestrator (Sweeps.Cluster) knows no job library.
/// </summary>
public static class BuiltInJobs
{
    public static JobRegistry Create()
    {
        var registry = new JobRegistry().Register(NoopJob.Definition);
        Geometry.GeometryJobs.Register(registry);
        Lstm.LstmJobs.Register(registry);
        registry.Register(Search.Functions.FunctionJob.Definition);
        return registry;
    }
}
