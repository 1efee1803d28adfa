using Akka.Actor;
using Akka.Event;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Workers;

/// <summary>
/// Pulls trials from the coordinator for its free slots, runs them on its <see cref="TrialRunnerPool"/>, and sends
/// results back in batches until each batch is acknowledged. Told <see cref="StopTrials"/> (a sweep was paused or
/// cancelled), it cancels those trials and hands them back. Told <see cref="StopWorking"/>, it cancels what runs,
/// hands back what it holds, waits for the acknowledgements and stops.
/// </summary>
public sealed class TrialWorker : ReceiveActor, IWithTimers
{
    private readonly IActorRef _coordinator;
    private readonly WorkerOptions _options;
    private readonly JobRegistry _jobs;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<TrialKey, TrialAssignment> _holding = new();
    private readonly List<TrialOutcome> _outbox = [];
    private readonly List<ReturnedTrial> _returns = [];
    private readonly List<RefusedTrial> _refusals = [];
    private readonly Dictionary<long, (ISweepsMessage Message, DateTime SentAt)> _unacknowledged = new();
    private int _unacknowledgedTrials;
    private TrialRunnerPool _pool = null!;
    private long _nextBatch;
    private DateTime? _requestSentAt;
    private DateTime _lastHeartbeat = DateTime.MinValue;
    private double _averageSeconds = double.NaN;
    private IActorRef? _stopRequester;
    private bool _welcomed;
    private bool _nameInUse;

    public TrialWorker(IActorRef coordinator, WorkerOptions options, JobRegistry jobs)
    {
        _coordinator = coordinator;
        _options = options;
        _jobs = jobs;

        Receive<WorkerWelcome>(_ =>
        {
            if (_welcomed) return;
            _welcomed = true;
            _nameInUse = false;
            _log.Info("Worker {0} welcomed by the coordinator", _options.Name);
            AskForMore();
        });
        Receive<WorkerRefused>(refused =>
        {
            _log.Error("Refused by the coordinator: {0}", refused.Reason);
            _options.OnRefused?.Invoke(refused.Reason);
            Context.Stop(Self);
        });
        Receive<WorkerNameInUse>(busy =>
        {
            _welcomed = false; // say hello again (each tick) until the name is free
            _requestSentAt = null;
            if (_nameInUse) return;
            _nameInUse = true;
            _log.Warning("The coordinator does not accept this worker as '{0}' yet: {1}", busy.Worker, busy.Reason);
        });
        Receive<TrialsAssigned>(assigned =>
        {
            _requestSentAt = null;
            foreach (var trial in assigned.Trials)
            {
                if (_stopRequester is not null)
                {
                    _returns.Add(new ReturnedTrial(trial.Sweep, trial.Index, trial.Attempt));
                    continue;
                }
                if (_holding.TryAdd(trial.Key, trial)) _pool.Enqueue(trial);
            }
            if (_returns.Count > 0) Flush();
            AskForMore();
        });
        Receive<IntroduceYourself>(_ =>
        {
            // the coordinator restarted or moved: it learns what this worker runs from a hello before giving it trials
            _welcomed = false;
            _requestSentAt = null;
            SayHello();
        });
        Receive<NoTrialsAvailable>(_ => _requestSentAt = null);
        Receive<TrialsAvailable>(_ => AskForMore());
        Receive<TrialRan>(Ran);
        Receive<TrialResumes>(r => _log.Info("Trial {0}/{1} (attempt {2}) resumes from its checkpoint after step {3}", r.Trial.Sweep, r.Trial.Index, r.Attempt, r.Step));
        Receive<CheckpointNotCleared>(c => _log.Warning("The checkpoints of trial {0}/{1} could not be removed: {2}", c.Trial.Sweep, c.Trial.Index, c.Reason));
        Receive<FlushNow>(_ => Flush());
        Receive<OutcomesRecorded>(recorded =>
        {
            if (_unacknowledged.Remove(recorded.Batch, out var batch)) _unacknowledgedTrials -= Keys(batch.Message).Count();
            AskForMore();
            StopIfDone();
        });
        Receive<Tick>(_ => OnTick());
        Receive<StopTrials>(Stop);
        Receive<StopWorking>(_ =>
        {
            _stopRequester = Sender;
            _log.Info("Worker {0} stopping: cancelling {1} trials and handing them back", _options.Name, _holding.Count);
            _pool.CancelAll();
            StopIfDone();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef coordinator, WorkerOptions options, JobRegistry jobs) =>
        Akka.Actor.Props.Create(() => new TrialWorker(coordinator, options, jobs));

    protected override void PreStart()
    {
        _pool = new TrialRunnerPool(_options.Slots, _jobs, Self, _options.WorkDirectory, _options.Checkpoints);
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromMilliseconds(500));
        SayHello();
    }

    protected override void PostStop() => _pool.Dispose();

    /// <summary>
    /// A person paused or cancelled a sweep: the trials of it this worker holds are cancelled and handed back (see
    /// <see cref="Ran"/>). Trials it does not hold are not its to stop, and a stop it acted on before is not repeated.
    /// </summary>
    private void Stop(StopTrials stop)
    {
        if (stop.Problem() is { } problem)
        {
            _log.Warning("Ignored a request to stop trials from {0}: {1}", Sender.Path, problem);
            return;
        }
        var why = stop.Because == SweepState.Paused ? StopReason.SweepPaused : StopReason.SweepCancelled;
        var stopping = 0;
        foreach (var index in stop.Indexes)
        {
            if (_holding.TryGetValue(new TrialKey(stop.Sweep, index), out var assignment) && _pool.Stop(assignment, why)) stopping++;
        }
        if (stopping > 0)
            _log.Info("Sweep {0} is {1}: stopping {2} of its trials here and handing them back", stop.Sweep, stop.Because.Text(), stopping);
    }

    private void Ran(TrialRan ran)
    {
        _pool.Forget(ran.Assignment);
        if (!_holding.Remove(ran.Assignment.Key)) return; // given up on after its timeout: its lease is the coordinator's to expire
        if (ran.Refusal is { } refusal)
        {
            _log.Warning("Trial {0} cannot run on this worker; handing it back: {1}", ran.Assignment.Key, refusal);
            _refusals.Add(new RefusedTrial(ran.Assignment.Sweep, ran.Assignment.Index, ran.Assignment.Attempt, refusal));
        }
        else if (ran.Outcome is null)
        {
            _returns.Add(new ReturnedTrial(ran.Assignment.Sweep, ran.Assignment.Index, ran.Assignment.Attempt));
        }
        else
        {
            _outbox.Add(ran.Outcome);
            var seconds = ran.Duration.TotalSeconds;
            _averageSeconds = double.IsNaN(_averageSeconds) ? seconds : 0.95 * _averageSeconds + 0.05 * seconds;
        }
        if (_outbox.Count >= _options.FlushSize || _stopRequester is not null) Flush();
        else if (!Timers.IsTimerActive("flush")) Timers.StartSingleTimer("flush", FlushNow.Instance, _options.FlushDelay);
        AskForMore();
        StopIfDone();
    }

    private void Flush()
    {
        Timers.Cancel("flush");
        if (_outbox.Count > 0)
        {
            Send(new ReportOutcomes(_options.Name, ++_nextBatch, _outbox.ToList()));
            _outbox.Clear();
        }
        if (_returns.Count > 0)
        {
            Send(new ReturnTrials(_options.Name, ++_nextBatch, _returns.ToList()));
            _returns.Clear();
        }
        if (_refusals.Count > 0)
        {
            Send(new RefuseTrials(_options.Name, ++_nextBatch, _refusals.ToList()));
            _refusals.Clear();
        }
    }

    private void Send(ISweepsMessage batch)
    {
        var number = batch switch { ReportOutcomes r => r.Batch, ReturnTrials r => r.Batch, RefuseTrials r => r.Batch, _ => 0 };
        if (!_unacknowledged.ContainsKey(number)) _unacknowledgedTrials += Keys(batch).Count();
        _unacknowledged[number] = (batch, DateTime.UtcNow);
        _coordinator.Tell(batch);
    }

    private static IEnumerable<TrialKey> Keys(ISweepsMessage batch) => batch switch
    {
        ReportOutcomes r => r.Outcomes.Select(o => o.Key),
        ReturnTrials r => r.Trials.Select(t => new TrialKey(t.Sweep, t.Index)),
        RefuseTrials r => r.Trials.Select(t => new TrialKey(t.Sweep, t.Index)),
        _ => [],
    };

    /// <summary>
    /// Asks for trials when the slots plus the prefetch are not full, one request at a time. Results the coordinator
    /// has not acknowledged yet still count as held: a coordinator that falls behind gets fewer new trials, not more.
    /// </summary>
    private void AskForMore()
    {
        if (!_welcomed || _stopRequester is not null || _requestSentAt is not null) return;
        var capacity = _options.Slots + Prefetch();
        var held = _holding.Count + _outbox.Count + _unacknowledgedTrials;
        var free = capacity - held;
        if (free <= 0 || (held > _options.Slots && free < capacity / 2)) return;
        _requestSentAt = DateTime.UtcNow;
        _coordinator.Tell(new RequestTrials(_options.Name, free));
    }

    private int Prefetch()
    {
        if (double.IsNaN(_averageSeconds)) return _options.Slots;
        var perSlot = _options.PrefetchHorizon.TotalSeconds / Math.Max(_averageSeconds, 1e-6);
        return (int)Math.Min(_options.MaxPrefetch, Math.Floor(perSlot * _options.Slots));
    }

    private void SayHello() => _coordinator.Tell(new WorkerHello(_options.Name, _options.Protocol, WorkerHello.CurrentVersion, _options.Cluster,
        _jobs.Kinds.ToList(), _options.Labels, _options.Plugins, _options.Slots));

    private void OnTick()
    {
        if (!_welcomed)
        {
            SayHello(); // the coordinator may not be there yet (starting, or moving to another node)
            return;
        }
        var now = DateTime.UtcNow;
        if (_options.TrialTimeout is { } timeout)
        {
            foreach (var key in _pool.Overdue(timeout))
            {
                _log.Warning("Trial {0} has run longer than {1:0.#} s; giving up on it here so that it runs again elsewhere", key, timeout.TotalSeconds);
                _pool.Abandon(key);
                _holding.Remove(key);
            }
        }
        foreach (var (_, (message, sentAt)) in _unacknowledged.Where(u => now - u.Value.SentAt > _options.ResendAfter).ToList())
        {
            _log.Debug("Resending an unacknowledged batch to the coordinator");
            Send(message);
        }
        if (_requestSentAt is { } asked && now - asked > _options.ResendAfter) _requestSentAt = null;
        if (now - _lastHeartbeat >= _options.HeartbeatInterval)
        {
            _lastHeartbeat = now;
            // Trials whose results await an acknowledgement are still this worker's: their leases must not run out.
            _coordinator.Tell(new WorkerHeartbeat(_options.Name,
                _holding.Keys.Concat(_outbox.Select(o => o.Key)).Concat(_unacknowledged.Values.SelectMany(u => Keys(u.Message))).ToList(),
                _pool.Reports().ToList()));
        }
        AskForMore();
    }

    private void StopIfDone()
    {
        if (_stopRequester is null || _holding.Count > 0 || _outbox.Count > 0 || _returns.Count > 0 || _refusals.Count > 0 || _unacknowledged.Count > 0) return;
        _log.Info("Worker {0} stopped cleanly", _options.Name);
        _stopRequester.Tell(WorkerStopped.Instance);
        Context.Stop(Self);
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed class FlushNow
    {
        public static FlushNow Instance { get; } = new();
    }
}

/// <summary>Asks a worker to cancel its trials, hand them back, and stop; it answers <see cref="WorkerStopped"/>.</summary>
public sealed class StopWorking
{
    public static StopWorking Instance { get; } = new();
}

public sealed class WorkerStopped
{
    public static WorkerStopped Instance { get; } = new();
}
