using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// On worker nodes: a cluster that has had no reachable coordinator for a while (it restarted elsewhere and formed
/// a new cluster) is no use, so the node leaves through CoordinatedShutdown and its command starts it again.
/// </summary>
public sealed class CoordinatorWatch : ReceiveActor, IWithTimers
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private DateTime _lastSeen = DateTime.UtcNow;

    public CoordinatorWatch(TimeSpan patience)
    {
        Receive<Check>(_ =>
        {
            var state = _cluster.State;
            if (state.Members.Any(m => m.HasRole(ClusterNodeOptions.CoordinatorRole) && m.Status == MemberStatus.Up && !state.Unreachable.Contains(m)))
                _lastSeen = DateTime.UtcNow;
            else if (DateTime.UtcNow - _lastSeen > patience)
            {
                Context.GetLogger().Warning("No coordinator in this cluster for {0}; leaving to join again", patience);
                CoordinatedShutdown.Get(Context.System).Run(NoCoordinatorReason.Instance);
                Context.Stop(Self);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, TimeSpan.FromSeconds(1));

    public static Props Props(TimeSpan patience) => Akka.Actor.Props.Create(() => new CoordinatorWatch(patience));

    private sealed class Check
    {
        public static Check Instance { get; } = new();
    }
}

/// <summary>Why a worker node left: its cluster had no coordinator (see <see cref="CoordinatorWatch"/>).</summary>
public sealed class NoCoordinatorReason : CoordinatedShutdown.Reason
{
    public static NoCoordinatorReason Instance { get; } = new();

    public override int ExitCode => 0;
}
