using Akka.Actor;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Projection;
using Sweeps.Core.Jobs;
using Sweeps.Store;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// What runs once per cluster (as a cluster singleton across machines, as a plain actor embedded): the coordinator,
/// restarted with back-off if its journal fails, and the projection that writes the journal into the results store.
/// Everything sent here goes to the coordinator, except questions about the store's position.
/// </summary>
public sealed class CoordinatorNode : ReceiveActor
{
    public CoordinatorNode(JobRegistry jobs, CoordinatorOptions options, ResultStore store)
    {
        var coordinator = Context.ActorOf(SweepsAkkaExtensions.CoordinatorSupervisor(jobs, options), "coordinator");
        var projection = Context.ActorOf(ResultsProjection.Props(store, jobs), "projection");
        Receive<GetPosition>(ask => projection.Forward(ask));
        ReceiveAny(message => coordinator.Forward(message));
    }

    public static Props Props(JobRegistry jobs, CoordinatorOptions options, ResultStore store) =>
        Akka.Actor.Props.Create(() => new CoordinatorNode(jobs, options, store));
}
