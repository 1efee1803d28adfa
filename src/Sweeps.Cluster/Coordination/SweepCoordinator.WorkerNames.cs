using Akka.Actor;
using Akka.Event;
using Sweeps.Cluster.Messages;

namespace Sweeps.Cluster.Coordination;

/// <summary>Who may speak for a worker: a name belongs to the sender that introduced itself under it, and what others send in its name is refused and logged.</summary>
public sealed partial class SweepCoordinator
{
    /// <summary>
    /// Binds the name to the sender if the name is free (see <see cref="WorkerRoster{TRef}"/> for the rule); a sender
    /// refused the name is told so (it keeps trying, and gets the name once its holder is gone) and nothing else happens.
    /// </summary>
    private bool Claim(IActorRef sender, string name, string what)
    {
        var decision = _workers.Claim(name, sender);
        if (decision.IsNew) Context.Watch(sender);
        if (decision.Accepted) return true;
        if (decision.FirstRefusal) _log.Warning("Refused a {0} from {1} as worker '{2}': {3}", what, sender.Path, name, decision.Refusal);
        if (what != "heartbeat") sender.Tell(new WorkerNameInUse(name, decision.Refusal!));
        return false;
    }

    /// <summary>Results and hand-backs count only from the sender bound to the worker's name.</summary>
    private bool Checked(IActorRef sender, string name, string what, IEnumerable<(TrialKey Trial, int Attempt)> trials)
    {
        var decision = _workers.Check(name, sender);
        if (decision.Accepted) return true;
        _log.Warning("Refused {0} from {1} as worker '{2}' for {3}: {4}", what, sender.Path, name, Trials(trials), decision.Refusal);
        return false;
    }

    private void LogRefused(IActorRef sender, string name, string what, IReadOnlyList<RefusedReport> refused)
    {
        // Reports for an attempt on another worker are forged or confused; late and repeated ones are ordinary after a failover.
        foreach (var group in refused.GroupBy(r => (r.HeldByAnother, r.Reason)))
        {
            if (group.Key.HeldByAnother)
                _log.Warning("Refused {0} from {1} as worker '{2}' for {3}: {4}", what, sender.Path, name, Trials(group.Select(r => (r.Trial, r.Attempt))), group.Key.Reason);
            else
                _log.Debug("Ignored {0} from worker '{1}' for {2}: {3}", what, name, Trials(group.Select(r => (r.Trial, r.Attempt))), group.Key.Reason);
        }
    }

    private static string Trials(IEnumerable<(TrialKey Trial, int Attempt)> trials)
    {
        var list = trials.ToList();
        var named = string.Join(", ", list.Take(10).Select(t => $"{t.Trial} attempt {t.Attempt}"));
        return list.Count > 10 ? $"{named} and {list.Count - 10} more" : named;
    }
}
