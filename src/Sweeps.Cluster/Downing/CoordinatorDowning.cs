using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Sweeps.Cluster.Downing;

/// <summary>
/// The downing actor: once the set of unreachable members has not changed for stable-after, the leader of this side
/// downs what <see cref="OldestCoordinatorRule"/> says (itself last). Joins and leaves do not reset the clock, so
/// workers rejoining every few seconds never hold a decision back; nothing downs everyone because of churn.
/// </summary>
public sealed class CoordinatorDowning : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private HashSet<UniqueAddress> _unreachable = [];
    private DateTime _changed = DateTime.UtcNow;

    public CoordinatorDowning(TimeSpan stableAfter)
    {
        Receive<Check>(_ => Decide(stableAfter));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, Tick);

    public static Props Props(TimeSpan stableAfter) => Akka.Actor.Props.Create(() => new CoordinatorDowning(stableAfter));

    private void Decide(TimeSpan stableAfter)
    {
        var state = _cluster.State;
        var members = state.Members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed)).ToList();
        var unreachable = state.Unreachable.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed))
            .Select(m => m.UniqueAddress).ToHashSet();
        if (!unreachable.SetEquals(_unreachable))
        {
            _unreachable = unreachable;
            _changed = DateTime.UtcNow;
            return;
        }
        if (unreachable.Count == 0 || DateTime.UtcNow - _changed < stableAfter || !_cluster.SelfAddress.Equals(state.Leader)) return;

        var oldestFirst = members.OrderBy(m => m, Member.AgeOrdering)
            .Select(m => new MemberView(m.Address.ToString(), m.HasRole(Hosting.ClusterNodeOptions.CoordinatorRole) && m.Status is MemberStatus.Up or MemberStatus.Leaving,
                !unreachable.Contains(m.UniqueAddress)))
            .ToList();
        var down = OldestCoordinatorRule.NodesToDown(oldestFirst).ToHashSet();
        var self = _cluster.SelfAddress.ToString();
        _log.Warning("Downing {0} ({1} of {2} members unreachable for {3} s; the oldest coordinator's side is kept)",
            string.Join(", ", down), unreachable.Count, members.Count, stableAfter.TotalSeconds);
        foreach (var member in members.Where(m => down.Contains(m.Address.ToString()) && m.Address.ToString() != self))
            _cluster.Down(member.Address);
        if (down.Contains(self)) _cluster.Down(_cluster.SelfAddress);
        _changed = DateTime.UtcNow;
    }

    private sealed class Check
    {
        public static Check Instance { get; } = new();
    }
}
