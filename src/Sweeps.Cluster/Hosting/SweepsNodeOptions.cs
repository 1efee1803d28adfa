using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Workers;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>What a node runs: the coordinator (with its journal and results projection), a worker, or both.</summary>
public sealed record SweepsNodeOptions(StoreLocation Store)
{
    public bool RunsCoordinator { get; init; } = true;

    /// <summary>Null for a node that runs no trials.</summary>
    public WorkerOptions? Worker { get; init; } = new();

    public CoordinatorOptions Coordinator { get; init; } = new();
}
