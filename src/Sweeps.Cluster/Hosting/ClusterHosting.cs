using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace Sweeps.Cluster.Hosting;

public static class ClusterHosting
{
    /// <summary>
    /// Remoting (with mutual TLS when configured) and clustering. The split-brain resolver keeps the side with the
    /// oldest node (the first coordinator, normally); a crashed oldest node alone is downed instead, so its standby
    /// takes over. Never auto-down: it disables the resolver. The failure detector notices a dead node within seconds.
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
            SplitBrainResolver = new KeepOldestOption { DownIfAlone = true },
            FailureDetector = new PhiAccrualFailureDetectorOptions
            {
                HeartbeatInterval = TimeSpan.FromSeconds(1),
                AcceptableHeartbeatPause = TimeSpan.FromSeconds(3),
            },
        })
        // No typed option exists for these in Akka.Hosting 1.5.73: how long a partition must be stable before the
        // resolver acts; a refused seed is tried again after 1 s, not 5 s; a singleton hand-over is retried quickly.
        .AddHocon($$"""
            akka.cluster.split-brain-resolver.stable-after = {{(int)cluster.StableAfter.TotalMilliseconds}}ms
            akka.remote.retry-gate-closed-for = 1s
            akka.cluster.singleton.hand-over-retry-interval = 500ms
            """, HoconAddMode.Prepend);
    }
}
