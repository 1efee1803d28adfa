using Akka.Actor;
using Akka.Pattern;
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
        var coordinator = Context.ActorOf(Supervised(jobs, options), "coordinator");
        var projection = Context.ActorOf(ResultsProjection.Props(store), "projection");
        Receive<GetPosition>(ask => projection.Forward(ask));
        ReceiveAny(message => coordinator.Forward(message));
    }

    /// <summary>The coordinator, restarted with back-off when it stops because its journal failed.</summary>
    private static Props Supervised(JobRegistry jobs, CoordinatorOptions options) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            SweepCoordinator.Props(jobs, options), "sweeps", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));

    public static Props Props(JobRegistry jobs, CoordinatorOptions options, ResultStore store) =>
        Akka.Actor.Props.Create(() => new CoordinatorNode(jobs, options, store));
}
