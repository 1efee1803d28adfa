using Sweeps.Cluster.Hosting;
using Sweeps.Core.Jobs;
using Sweeps.Store;

namespace Sweeps.Server;

/// <summary>What the API's endpoints work with: the way to the coordinator, the results store, the tokens, the cluster's CA.</summary>
public sealed class SweepsApi(SweepsApiOptions options, CoordinatorLink coordinator, ResultStore store, JobRegistry jobs)
{
    public SweepsApiOptions Options { get; } = options;

    public CoordinatorLink Coordinator { get; } = coordinator;

    public ResultStore Store { get; } = store;

    /// <summary>Read spec files with these jobs, as the coordinator will.</summary>
    public JobRegistry Jobs { get; } = jobs;

    public ApiTokens Tokens { get; } = ApiTokens.Open(store.Location);

    /// <summary>Null without TLS: then the API is open to whoever reaches its port (a loopback-only node).</summary>
    public ClusterAuthority? Authority { get; } = options.Tls is { } tls ? ClusterAuthority.Load(tls.CaPath) : null;
}
