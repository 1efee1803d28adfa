using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Sweeps.Cluster.Downing;

namespace Sweeps.Cluster.Hosting;

public static class ClusterHosting
{
    /// <summary>
    /// Remoting (with mutual TLS when configured) and clustering. Downing keeps the side with the oldest coordinator
    /// (the singleton's node): workers come and go without ever deciding who survives, and a crashed active
    /// coordinator is downed so its standby takes over. Never auto-down.
    /// Timings aim at a failover under 10 s from a kill to the standby's first write (see <see cref="ClusterNodeOptions"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepsCluster(this AkkaConfigurationBuilder builder, ClusterNodeOptions cluster)
    {
        var remote = new RemoteOptions { HostName = cluster.Host, Port = cluster.Port, PublicHostName = cluster.PublicHost, MaxFrameSize = 4_000_000 };
        if (cluster.Tls is { } tls)
        {
            remote.EnableSsl = true;
            remote.Ssl = tls.ToSslOptions();
        }
        return builder
        .WithRemoting(remote)
        .WithClustering(new ClusterOptions
        {
            Roles = cluster.Roles.ToArray(),
            SeedNodes = cluster.Seeds.Select(s => ClusterNodeOptions.SeedAddress(s, cluster.Tls is not null)).ToArray(),
            FailureDetector = new PhiAccrualFailureDetectorOptions
            {
                HeartbeatInterval = cluster.HeartbeatInterval,
                AcceptableHeartbeatPause = cluster.AcceptableHeartbeatPause,
            },
        })
        .WithActors((system, _) =>
        {
            if (!cluster.Roles.Contains(ClusterNodeOptions.CoordinatorRole)) return;
            system.ActorOf(IslandWatch.Props(cluster), IslandWatch.Name);
            // A warm standby: its journal and snapshot store start (connect, create tables, JIT) now, not after a failover.
            var persistence = Akka.Persistence.Persistence.Instance.Apply(system);
            persistence.JournalFor(null);
            persistence.SnapshotStoreFor(null);
        })
        // Downing: keep the oldest coordinator's side, counting every member (see OldestCoordinatorRule for why not
        // Akka's keep-oldest). Akka's down-all-when-unstable is gone with its resolver: worker churn changes reachability
        // every few seconds, which that rule read as an unstable network and answered by downing every node (issue 9).
        // down-removal-margin: how long the standby waits after the old coordinator's removal before starting the
        // singleton; a kill -9'd node needs none, a cut-off one downs itself within stable-after, and the store lease fences the rest.
        // Gossip, the leader's removals and the failure detector's reaper every 250 ms, not 1 s: each 1 s tick added up
        // to a second between a kill and the standby's start (a handful of nodes gossip cheaply).
        // No typed option exists for these in Akka.Hosting 1.5.73. A refused seed is tried again after 1 s, not 5 s;
        // a singleton hand-over is retried quickly.
        .AddHocon($$"""
            akka.cluster.downing-provider-class = "{{typeof(CoordinatorDowningProvider).FullName}}, {{typeof(CoordinatorDowningProvider).Assembly.GetName().Name}}"
            {{CoordinatorDowningProvider.StableAfterKey}} = {{(int)cluster.StableAfter.TotalMilliseconds}}ms
            akka.cluster.down-removal-margin = {{(int)cluster.DownRemovalMargin.TotalMilliseconds}}ms
            akka.cluster.gossip-interval = 250ms
            akka.cluster.leader-actions-interval = 250ms
            akka.cluster.unreachable-nodes-reaper-interval = 250ms
            akka.remote.retry-gate-closed-for = 1s
            akka.cluster.singleton.hand-over-retry-interval = 500ms
            """, HoconAddMode.Prepend);
    }
}
