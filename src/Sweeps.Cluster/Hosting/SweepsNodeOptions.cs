using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Workers;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>What a node runs: the coordinator (with its journal and results projection), a worker, or both; embedded or in a cluster.</summary>
/// <param name="Store">The coordinator's store; null on nodes that run no coordinator.</param>
public sealed record SweepsNodeOptions(StoreLocation? Store)
{
    public bool RunsCoordinator { get; init; } = true;

    /// <summary>Null for a node that runs no trials.</summary>
    public WorkerOptions? Worker { get; init; } = new();

    public CoordinatorOptions Coordinator { get; init; } = new();

    /// <summary>Null: everything in this process, no network. Set: a node of a Sweeps cluster.</summary>
    public ClusterNodeOptions? Cluster { get; init; }

    /// <summary>Set on worker nodes: leave (and let the command join again) after this long without a coordinator.</summary>
    public TimeSpan? LeaveWithoutCoordinatorAfter { get; init; }
}
