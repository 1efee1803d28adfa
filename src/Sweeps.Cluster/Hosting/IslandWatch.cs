using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// On coordinator nodes: every coordinator lists itself as its first seed, so it can start a cluster when no other
/// seed answers; two that start together, or one whose peer was slow to answer, form islands. This actor asks the
/// other seeds that are not members of this cluster how big their cluster is; the smaller island (ties: the higher
/// address) leaves through CoordinatedShutdown and NodeRunner starts it again, when it joins the other cluster.
/// The questions and answers are plain strings, which Akka's own primitive serializer carries.
/// </summary>
public sealed class IslandWatch : ReceiveActor, IWithTimers
{
    public const string Name = "island-watch";
    private const string Question = "sweeps-cluster-size?";
    private const string AnswerPrefix = "sweeps-cluster-size:";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(3);

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly IReadOnlyList<Address> _otherSeeds;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public IslandWatch(ClusterNodeOptions options)
    {
        var self = _cluster.SelfAddress;
        _otherSeeds = options.Seeds.Select(s => Address.Parse(ClusterNodeOptions.SeedAddress(s, options.Tls is not null)))
            .Where(a => a.Host != self.Host || a.Port != self.Port).ToList();
        Receive<ClusterEvent.MemberUp>(up => up.Member.Address.Equals(self), up => AnnounceJoined());
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Probe>(_ => AskOtherSeeds());
        Receive<string>(q => q == Question, _ => Sender.Tell(AnswerPrefix + UpMembers()));
        Receive<string>(a => a.StartsWith(AnswerPrefix, StringComparison.Ordinal), a => Compare(Sender.Path.Address, a[AnswerPrefix.Length..]));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        if (_otherSeeds.Count > 0) Timers.StartPeriodicTimer("probe", Probe.Instance, Every);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    public static Props Props(ClusterNodeOptions options) => Akka.Actor.Props.Create(() => new IslandWatch(options));

    private int UpMembers() =>
        _cluster.SelfMember.Status == MemberStatus.Up ? _cluster.State.Members.Count(m => m.Status == MemberStatus.Up) : 0;

    private void AnnounceJoined()
    {
        var others = _cluster.State.Members.Where(m => !m.Address.Equals(_cluster.SelfAddress)).ToList();
        if (others.Count == 0) _log.Info("This coordinator started a new cluster: no other seed answered");
        else _log.Info("This coordinator joined the cluster of {0} ({1} other members)", others.MinBy(m => m, Member.AgeOrdering)!.Address, others.Count);
    }

    private void AskOtherSeeds()
    {
        if (UpMembers() == 0) return;
        foreach (var seed in _otherSeeds.Where(s => !IsMember(s)))
            Context.ActorSelection(new RootActorPath(seed) / "user" / Name).Tell(Question);
    }

    private bool IsMember(Address address) => _cluster.State.Members.Any(m => m.Address.Equals(address));

    private void Compare(Address other, string answer)
    {
        var mine = UpMembers();
        if (!int.TryParse(answer, out var theirs) || theirs == 0 || mine == 0 || IsMember(other)) return;
        var yields = theirs > mine || (theirs == mine && string.CompareOrdinal(_cluster.SelfAddress.ToString(), other.ToString()) > 0);
        if (!yields) return;
        _log.Warning("This coordinator is on an island of {0} members while {1} is in a cluster of {2}; leaving to join it", mine, other, theirs);
        Timers.CancelAll();
        CoordinatedShutdown.Get(Context.System).Run(IslandReason.Instance);
    }

    private sealed class Probe
    {
        public static Probe Instance { get; } = new();
    }
}

/// <summary>Why a coordinator node left: it was on an island while a bigger cluster existed (see <see cref="IslandWatch"/>).</summary>
public sealed class IslandReason : CoordinatedShutdown.Reason
{
    public static IslandReason Instance { get; } = new();

    public override int ExitCode => 0;
}
