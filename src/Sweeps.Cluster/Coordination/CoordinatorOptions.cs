namespace Sweeps.Cluster.Coordination;

/// <summary>How the coordinator treats lost workers and how often it snapshots.</summary>
public sealed record CoordinatorOptions
{
    /// <summary>A trial whose worker sends no heartbeat for this long is taken back and run elsewhere.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a trial may lose its worker before it is marked failed.</summary>
    public int MaxLosses { get; init; } = 3;

    /// <summary>A snapshot every this many journal events keeps recovery short however long the sweep.</summary>
    public int SnapshotEvery { get; init; } = 250;

    /// <summary>The name of this sweep cluster: workers that name another are refused.</summary>
    public string Cluster { get; init; } = Messages.ClusterNames.Default;

    /// <summary>How often leases are checked.</summary>
    public TimeSpan LeaseCheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}
