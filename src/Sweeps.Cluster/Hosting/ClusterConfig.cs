using Akka.Configuration;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Cluster settings beyond what Akka.Hosting's options carry: the split-brain resolver and a failure detector that
/// notices a dead node within seconds. The resolver keeps the side with the oldest node (the first coordinator,
/// normally); a crashed oldest node alone is downed instead, so its standby takes over. Not restricted to the
/// coordinator role: with two coordinator nodes that rule would never fire. Never auto-down: it disables the resolver.
/// </summary>
public static class ClusterConfig
{
    public static Config For(ClusterNodeOptions options) => ConfigurationFactory.ParseString($$"""
        akka.cluster {
          downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
          split-brain-resolver {
            active-strategy = keep-oldest
            stable-after = {{(int)options.StableAfter.TotalMilliseconds}}ms
            keep-oldest.down-if-alone = on
          }
          failure-detector {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 3s
          }
          singleton.hand-over-retry-interval = 500ms
          singleton-proxy.buffer-size = 10000
          # Akka.NET 1.5.73 starts this warning's timer with no initial delay, so it fires at every start, found or not
          singleton-proxy.log-singleton-identification-failure = off
        }
        akka.remote.dot-netty.tcp.maximum-frame-size = 4000000b
        # a worker started before its coordinator listens tries again after 1 s, not 5 s
        akka.remote.retry-gate-closed-for = 1s
        """);
}
