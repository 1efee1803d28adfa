using Akka.Actor;
using Akka.Event;
using Sweeps.Cluster.Messages;

namespace Sweeps.Cluster.Coordination;

/// <summary><c>sweeps retry</c>: a sweep's failed or pruned trials run again; idle workers are woken once it is journaled.</summary>
public sealed partial class SweepCoordinator
{
    private void Retry(RetryTrials retry)
    {
        var sender = Sender;
        var decision = _state.DecideRetry(retry.Name, retry.Failed, retry.Pruned, DateTime.UtcNow);
        if (!decision.Done)
        {
            sender.Tell(new TrialsRetryResult(retry.Name, false, decision.Message, 0, 0));
            return;
        }
        PersistThen(decision.Events, () =>
        {
            sender.Tell(new TrialsRetryResult(retry.Name, true, decision.Message, decision.Failed, decision.Pruned));
            _log.Info("Retry: {0}", decision.Message);
            UpdateWaiting();
        });
    }
}
