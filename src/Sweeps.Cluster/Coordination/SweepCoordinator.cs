using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// Owns every sweep's state and journals it. Workers pull trials; results are recorded once, keyed by trial and
/// attempt; a worker that dies or goes silent loses its trials to others. Each command becomes at most one
/// journal write (a batch of events), which is what keeps it fast. A worker's name belongs to the actor that introduced
/// itself under it (<see cref="WorkerRoster{TRef}"/>), and a result counts only from the worker its attempt was handed to.
/// </summary>
public sealed partial class SweepCoordinator : ReceivePersistentActor, IWithTimers
{
    public const string JournalId = "sweeps-coordinator";

    /// <summary>Assignments go out in messages of at most this many trials, well under the remote frame size.</summary>
    private const int AssignmentsPerMessage = 200;

    private readonly CoordinatorState _state;
    private readonly WorkerRoster<IActorRef> _workers = new();
    private readonly HashSet<IActorRef> _idle = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // The cluster singleton's lease on the store; null when embedded (one process, nobody to compete with).
    private readonly StoreLease? _lease = StoreLease.For(Context.System);
    private long _eventsSinceSnapshot;

    public SweepCoordinator(JobRegistry jobs, CoordinatorOptions options)
    {
        _state = new CoordinatorState(jobs, options);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is CoordinatorSnapshot snapshot) _state.Restore(snapshot);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _state.RequeueAllRunning();
            foreach (var sweep in _state.Progress().Where(p => !p.IsOver))
                _log.Info("Recovered sweep {0}: {1} of {2} done, {3} to run", sweep.Name, sweep.Done, sweep.Total, sweep.Total - sweep.Done);
            Timers.StartPeriodicTimer("leases", CheckLeases.Instance, options.LeaseCheckInterval);
            // a decision on rungs the previous coordinator made but did not journal is made again now
            UpdateSchedule();
        });
        Recover<ISweepsMessage>(e => _state.Apply(e));

        Command<SubmitSweeps>(Submit);
        Command<RequestTrials>(Dispatch);
        Command<ReportOutcomes>(Record);
        Command<ReturnTrials>(TakeBack);
        Command<RefuseTrials>(TakeRefused);
        Command<WorkerHello>(hello =>
        {
            if (hello.Cluster != options.Cluster)
            {
                var reason = $"worker {hello.Worker} refused: it belongs to sweep cluster '{hello.Cluster}', this is '{options.Cluster}'; check its --seed and --cluster";
                _log.Warning(reason);
                Sender.Tell(new WorkerRefused(reason));
                return;
            }
            if (hello.Protocol != WorkerHello.CurrentProtocol)
            {
                var reason = $"worker {hello.Worker} (Sweeps {hello.Version}, protocol {hello.Protocol}) refused: this coordinator " +
                             $"(Sweeps {WorkerHello.CurrentVersion}) speaks protocol {WorkerHello.CurrentProtocol}; run the same Sweeps version on every node";
                _log.Warning(reason);
                Sender.Tell(new WorkerRefused(reason));
                return;
            }
            if (hello.Problem() is { } problem)
            {
                var reason = $"worker {hello.Worker} refused: {problem}";
                _log.Warning(reason);
                Sender.Tell(new WorkerRefused(reason));
                return;
            }
            if (!Claim(Sender, hello.Worker, "hello")) return;
            var labels = hello.Labels ?? new Dictionary<string, string>();
            _state.WorkerJoined(hello.Worker, hello.Jobs ?? [], labels, hello.Slots);
            _log.Info("Worker {0} joined: {1} job kinds, {2}{3}", hello.Worker, hello.Jobs?.Count ?? 0, Core.Spec.WorkerLabels.Describe(labels),
                hello.Plugins is { Count: > 0 } plugins ? $", plugins {string.Join(", ", plugins)}" : "");
            Sender.Tell(WorkerWelcome.Instance);
            UpdateWaiting();
        });
        Command<WorkerHeartbeat>(h =>
        {
            if (!Claim(Sender, h.Worker, "heartbeat")) return;
            _state.RenewLeases(h.Worker, h.Holding, DateTime.UtcNow, h.Running);
            // Still running trials of a paused or cancelled sweep: the stop was lost, or came before this coordinator.
            foreach (var stop in _state.DecideStops(h.Holding))
            {
                _log.Debug("Worker {0} still holds {1} trials of sweep {2}, which is {3}; telling it again to stop them",
                    h.Worker, stop.Indexes.Count, stop.Sweep, stop.Because.Text());
                Sender.Tell(stop);
            }
            PruneReported(Sender, h);
        });
        Command<Terminated>(t =>
        {
            if (_workers.Release(t.ActorRef) is not { } worker) return;
            _idle.Remove(t.ActorRef);
            _state.WorkerLeft(worker);
            var events = _state.DecideWorkerLost(worker, "worker terminated");
            if (events.Count > 0) _log.Warning("Worker {0} ({1}) is gone; its trials run again elsewhere", worker, t.ActorRef.Path);
            PersistThen(events, UpdateWaiting);
        });
        // A node the failure detector gives up on: its workers' trials run elsewhere now, not when it is finally removed.
        Command<ClusterEvent.UnreachableMember>(u => LoseWorkersAt(u.Member.Address, "its node became unreachable"));
        Command<ClusterEvent.MemberRemoved>(r => LoseWorkersAt(r.Member.Address, "its node left the cluster"));
        Command<ClusterEvent.IMemberEvent>(_ => { });
        Command<CheckLeases>(_ =>
        {
            var events = _state.DecideExpiredLeases(DateTime.UtcNow);
            if (events.Count > 0) _log.Warning("Leases expired: {0}", string.Join("; ", events.OfType<TrialsRequeued>().Select(r => $"{r.Trials.Count} trials of {r.Sweep}")));
            PersistThen(events, () => { });
        });
        Command<GetProgress>(_ => Sender.Tell(new ProgressReport(_state.Progress(), LastSequenceNr)));
        Command<ChangeSweepState>(change =>
        {
            var sender = Sender;
            var decision = _state.DecideStateChange(change.Name, change.State, DateTime.UtcNow);
            if (decision.Event is null)
            {
                sender.Tell(new SweepStateChangeResult(change.Name, false, decision.Message));
                return;
            }
            PersistThen([decision.Event], () =>
            {
                sender.Tell(new SweepStateChangeResult(change.Name, true, decision.Message));
                StopTrialsOf(change.Name);
                UpdateWaiting();
            });
        });
        Command<RetryTrials>(Retry);
        Command<CheckWaiting>(_ => JournalWaiting());
        Command<CheckSchedule>(_ => DecideSchedule());
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot failed; recovery replays more events until the next one succeeds"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting old snapshots failed"));
    }

    public override string PersistenceId => JournalId;

    // Recovery starts here: without the lease this node must not even begin to act on the journal.
    public override void AroundPreStart()
    {
        if (!HoldsLease("recover")) return;
        base.AroundPreStart();
    }

    protected override void PreStart()
    {
        if (((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider)
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));
        base.PreStart();
    }

    protected override void PostStop()
    {
        if (((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider)
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    /// <summary>A sweep just paused or cancelled: each worker running some of its trials is told to stop them.</summary>
    private void StopTrialsOf(string sweep)
    {
        var stops = _state.DecideStops(sweep);
        if (stops.Count == 0) return;
        var workers = _workers.Workers.ToDictionary(w => w.Name, w => w.Worker, StringComparer.Ordinal);
        foreach (var (name, stop) in stops)
        {
            // A worker not connected now learns from its next heartbeat, or its trials' leases run out.
            if (workers.TryGetValue(name, out var worker)) worker.Tell(stop);
        }
        _log.Info("Sweep {0} is {1}: telling {2} workers to stop its {3} running trials", sweep, stops[0].Stop.Because.Text(),
            stops.Select(s => s.Worker).Distinct().Count(), stops.Sum(s => s.Stop.Indexes.Count));
    }

    private void LoseWorkersAt(Address address, string reason)
    {
        foreach (var (worker, name) in _workers.Workers.Where(w => w.Worker.Path.Address == address).ToList())
        {
            _workers.Release(worker);
            _idle.Remove(worker);
            _state.WorkerLeft(name);
            var events = _state.DecideWorkerLost(name, reason);
            if (events.Count > 0) _log.Warning("Worker {0} lost ({1}); its trials run again elsewhere", name, reason);
            PersistThen(events, UpdateWaiting);
        }
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(JobRegistry jobs, CoordinatorOptions options) =>
        Akka.Actor.Props.Create(() => new SweepCoordinator(jobs, options));

    private void Submit(SubmitSweeps submit)
    {
        var sender = Sender;
        var replies = new List<SubmittedSweep>();
        var events = new List<object>();
        var now = DateTime.UtcNow;
        foreach (var spec in submit.Specs)
        {
            var decision = _state.DecideSubmit(spec, now, submit.Origin);
            if (decision.Reply.Accepted && decision.Event is not null && replies.Any(r => r.Name == decision.Reply.Name))
            {
                replies.Add(decision.Reply with { Accepted = false, Problems = [$"sweep '{decision.Reply.Name}' is submitted twice"] });
                continue;
            }
            replies.Add(decision.Reply);
            if (decision.Event is not null) events.Add(decision.Event);
        }
        PersistThen(events, () =>
        {
            sender.Tell(new SubmitResult(replies));
            foreach (var sweep in replies.Where(r => r.Accepted && !r.Existing))
                _log.Info("Sweep {0} submitted: {1} trials", sweep.Name, sweep.TotalTrials);
            foreach (var grown in events.OfType<SweepExtended>())
                _log.Info("Sweep {0} extended to {1} trials", grown.Sweep, grown.TotalTrials);
            UpdateWaiting();
        });
    }

    private void Dispatch(RequestTrials request)
    {
        var worker = Sender;
        if (!Claim(worker, request.Worker, "request for trials")) return;
        if (!_state.Knows(request.Worker))
        {
            // Met again after a restart or hand-over: what it can run is known only from a hello.
            worker.Tell(IntroduceYourself.Instance);
            return;
        }
        var events = _state.DecideDispatch(request.Worker, Math.Max(1, request.Count), DateTime.UtcNow);
        if (events.Count == 0)
        {
            _idle.Add(worker);
            worker.Tell(NoTrialsAvailable.Instance);
            return;
        }
        _idle.Remove(worker);
        PersistThen(events, () =>
        {
            var assignments = events.OfType<TrialsDispatched>().SelectMany(_state.Assignments).ToList();
            foreach (var chunk in assignments.Chunk(AssignmentsPerMessage)) worker.Tell(new TrialsAssigned(chunk));
        });
    }

    // Refused reports are acknowledged too: sending them again cannot make them count.
    private void Record(ReportOutcomes report)
    {
        var sender = Sender;
        var decision = Checked(sender, report.Worker, "results", report.Outcomes.Select(o => (o.Key, o.Attempt)))
            ? _state.DecideOutcomes(report.Worker, report.Outcomes)
            : new ReportDecision([], []);
        LogRefused(sender, report.Worker, "results", decision.Refused);
        PersistThen(decision.Events, () =>
        {
            sender.Tell(new OutcomesRecorded(report.Batch));
            // an adaptive sweep's next trials may wait for these results
            if (decision.Events.OfType<TrialsFinished>().Any(f => _state.LearnsFromResults(f.Sweep))) WakeIdleWorkers();
        });
    }

    private void TakeBack(ReturnTrials returned)
    {
        var sender = Sender;
        var decision = Checked(sender, returned.Worker, "handed-back trials", returned.Trials.Select(t => (new TrialKey(t.Sweep, t.Index), t.Attempt)))
            ? _state.DecideReturned(returned.Worker, returned.Trials)
            : new ReportDecision([], []);
        LogRefused(sender, returned.Worker, "handed-back trials", decision.Refused);
        PersistThen(decision.Events, () => sender.Tell(new OutcomesRecorded(returned.Batch)));
    }

    private void TakeRefused(RefuseTrials refused)
    {
        var sender = Sender;
        var decision = Checked(sender, refused.Worker, "refused trials", refused.Trials.Select(t => (new TrialKey(t.Sweep, t.Index), t.Attempt)))
            ? _state.DecideRefused(refused.Worker, refused.Trials, DateTime.UtcNow)
            : new ReportDecision([], []);
        LogRefused(sender, refused.Worker, "refused trials", decision.Refused);
        foreach (var e in decision.Events.OfType<TrialsRefused>())
            _log.Warning("Worker {0} cannot run sweep {1} ({2} trials handed back, to run elsewhere); it is given none of its trials while it stays connected: {3}",
                e.Worker, e.Sweep, e.Trials.Count, e.Reason);
        PersistThen(decision.Events, () =>
        {
            sender.Tell(new OutcomesRecorded(refused.Batch));
            if (decision.Events.Count > 0) UpdateWaiting();
        });
    }

    /// <summary>
    /// Asks for <see cref="JournalWaiting"/> as a command of its own: it is called from persist callbacks, and a persist
    /// nested in a deferred handler is never written (the actor would stash everything after it, for good).
    /// </summary>
    private void UpdateWaiting() => Self.Tell(CheckWaiting.Instance);

    /// <summary>Journals which sweeps now wait because no connected worker can run them (or no longer do), and says so in the log.</summary>
    private void JournalWaiting()
    {
        var events = _state.DecideWaiting(DateTime.UtcNow);
        foreach (var e in events)
        {
            if (e.Reason is null) _log.Info("Sweep {0} no longer waits: a connected worker can run it", e.Sweep);
            else _log.Warning("Sweep {0} waits: {1}", e.Sweep, e.Reason);
        }
        PersistThen(events, () => { });
    }

    /// <summary>Journals the events in one write, applies each as it is written, then runs <paramref name="then"/>.</summary>
    private void PersistThen(IReadOnlyCollection<object> events, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }
        if (!HoldsLease("write")) return;
        PersistAll(events, e =>
        {
            _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        DeferAsync(events, _ =>
        {
            then();
            if (MayReschedule(events)) UpdateSchedule();
            if (_state.HasWork) WakeIdleWorkers();
            if (_eventsSinceSnapshot >= _state.Options.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_state.Snapshot());
            }
        });
    }

    /// <summary>
    /// The fence: true when this node holds the coordinator lease (or needs none). Without it the coordinator stops
    /// without writing; the singleton starts it again once the lease is back.
    /// </summary>
    private bool HoldsLease(string what)
    {
        if (_lease is null || _lease.CheckLease()) return true;
        var holder = _lease.CurrentHolderOrNull();
        _log.Warning("The coordinator does not hold the lease {0} (held by {1}); it will not {2} the journal and stops until it has it",
            _lease.Settings.LeaseName, holder?.Owner ?? "nobody", what);
        Context.Stop(Self);
        return false;
    }

    private void WakeIdleWorkers()
    {
        foreach (var worker in _idle) worker.Tell(TrialsAvailable.Instance);
        _idle.Clear();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "The journal could not be written (event {0}); the coordinator restarts and recovers from what is durable", sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private sealed class CheckLeases
    {
        public static CheckLeases Instance { get; } = new();
    }

    private sealed class CheckWaiting
    {
        public static CheckWaiting Instance { get; } = new();
    }
}
