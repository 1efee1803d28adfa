using Akka.Actor;
using Akka.Event;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;

namespace Sweeps.Cluster.Coordination;

/// <summary>Early stopping as the actor runs it: rung decisions after results, recovery and resumes; median stops on heartbeats.</summary>
public sealed partial class SweepCoordinator
{
    /// <summary>
    /// Asks for the rungs' decisions as a command of their own (<see cref="CheckSchedule"/>), like <see cref="UpdateWaiting"/>:
    /// called from persist callbacks, where a nested persist would never be written.
    /// </summary>
    private void UpdateSchedule() => Self.Tell(CheckSchedule.Instance);

    private void DecideSchedule()
    {
        var events = _state.DecideSchedule(DateTime.UtcNow);
        foreach (var promoted in events.OfType<TrialsPromoted>())
            _log.Info("Sweep {0}: {1} trials promoted ({2}); they continue from their checkpoints", promoted.Sweep, promoted.Trials.Count,
                string.Join(", ", promoted.Trials.GroupBy(t => (t.FromRung, t.ToRung)).Select(g => $"{g.Count()} from rung {g.Key.FromRung} to {g.Key.ToRung}")));
        foreach (var pruned in events.OfType<TrialsPruned>())
            _log.Info("Sweep {0}: {1} trials pruned at their rungs", pruned.Sweep, pruned.Trials.Count);
        PersistThen(events, () => { });
    }

    /// <summary>Median rule on a heartbeat's reports: trials pruned now are journaled, then their worker is told to stop them.</summary>
    private void PruneReported(IActorRef worker, WorkerHeartbeat heartbeat)
    {
        if (heartbeat.Running is not { Count: > 0 } reports) return;
        var events = _state.DecideMedianStops(heartbeat.Worker, reports, DateTime.UtcNow);
        if (events.Count == 0) return;
        foreach (var pruned in events.OfType<TrialsPruned>())
            foreach (var trial in pruned.Trials)
                _log.Info("Sweep {0}: trial {1} pruned on {2}: {3}", pruned.Sweep, trial.Outcome.Index, heartbeat.Worker, trial.Reason);
        PersistThen(events, () =>
        {
            foreach (var stop in CoordinatorState.StopsFor(events)) worker.Tell(stop);
        });
    }

    /// <summary>
    /// Whether these journaled events may change what a sweep's scheduler decides: a rung result, a trial's end (however
    /// it came: a result, or its worker lost too often), a resume.
    /// </summary>
    private bool MayReschedule(IEnumerable<object> events) => events.Any(e => e switch
    {
        TrialsReachedRung => true,
        TrialsFinished f => _state.Schedules(f.Sweep),
        SweepStateChanged { State: Core.Lifecycle.SweepState.Running } s => _state.Schedules(s.Sweep),
        _ => false,
    });

    private sealed class CheckSchedule
    {
        public static CheckSchedule Instance { get; } = new();
    }
}
