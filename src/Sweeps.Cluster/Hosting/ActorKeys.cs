namespace Sweeps.Cluster.Hosting;

/// <summary>Keys under which a node's actors are found in Akka.Hosting's ActorRegistry.</summary>
public sealed class CoordinatorActor;

public sealed class WorkerActor;
