using Akka.Actor;

namespace Sweeps.Cluster.Downing;

/// <summary>
/// Plugs <see cref="CoordinatorDowning"/> into Akka (akka.cluster.downing-provider-class); timings come from
/// sweeps.downing.stable-after and akka.cluster.down-removal-margin.
/// </summary>
public sealed class CoordinatorDowningProvider : Akka.Cluster.IDowningProvider
{
    public const string StableAfterKey = "sweeps.downing.stable-after";
    private readonly ActorSystem _system;

    public CoordinatorDowningProvider(ActorSystem system) => _system = system;

    public CoordinatorDowningProvider(ActorSystem system, Akka.Cluster.Cluster cluster) : this(system) { }

    public TimeSpan DownRemovalMargin => _system.Settings.Config.GetTimeSpan("akka.cluster.down-removal-margin", TimeSpan.Zero, allowInfinite: false);

    public Props DowningActorProps => CoordinatorDowning.Props(_system.Settings.Config.GetTimeSpan(StableAfterKey, TimeSpan.FromSeconds(2), allowInfinite: false));
}
