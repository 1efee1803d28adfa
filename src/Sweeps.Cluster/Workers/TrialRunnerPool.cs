using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;

namespace Sweeps.Cluster.Workers;

/// <summary>
/// The threads trials run on: one a slot, never an actor's thread (a long computation there would starve the
/// cluster's heartbeats). Each finished trial is told to the worker actor as a <see cref="TrialRan"/>.
/// </summary>
internal sealed class TrialRunnerPool : IDisposable
{
    private readonly BlockingCollection<TrialAssignment> _queue = new(new ConcurrentQueue<TrialAssignment>());
    private readonly JobRegistry _jobs;
    private readonly IActorRef _worker;
    private readonly ConcurrentDictionary<TrialKey, RunningTrial> _running = new();
    // Trials told to stop that had not started then (queued, or starting just now): each is stopped by whichever of
    // Stop and Run sees the other, and counted so that a trial start checks the dictionary only when some are waiting.
    private readonly ConcurrentDictionary<(TrialKey Key, int Attempt), StopReason> _toStop = new();
    private readonly string _workDirectory;
    private readonly ICheckpointStore? _checkpoints;
    private int _toStopCount;
    private volatile bool _stopping;
    private int _threadCount;

    /// <param name="checkpoints">Where trials keep their checkpoints across attempts; null: they keep none.</param>
    public TrialRunnerPool(int slots, JobRegistry jobs, IActorRef worker, string workDirectory, ICheckpointStore? checkpoints = null)
    {
        _jobs = jobs;
        _worker = worker;
        _workDirectory = workDirectory;
        _checkpoints = checkpoints;
        for (var i = 0; i < slots; i++) StartThread();
    }

    private void StartThread()
    {
        var number = Interlocked.Increment(ref _threadCount);
        new Thread(RunTrials) { IsBackground = true, Name = $"sweeps-trial-{number}" }.Start();
    }

    /// <summary>Running trials that started longer ago than <paramref name="timeout"/> and are not given up on yet.</summary>
    public IReadOnlyList<TrialKey> Overdue(TimeSpan timeout)
    {
        var now = DateTime.UtcNow;
        return _running.Where(r => !r.Value.Abandoned && now - r.Value.Started > timeout).Select(r => r.Key).ToList();
    }

    /// <summary>Gives up on a trial: cancels it, and starts a fresh thread for its slot in case it never returns.</summary>
    public void Abandon(TrialKey key)
    {
        if (!_running.TryGetValue(key, out var trial) || trial.Abandoned) return;
        trial.Abandoned = true;
        trial.Stop(StopReason.Abandoned);
        StartThread();
    }

    public void Enqueue(TrialAssignment assignment) => _queue.Add(assignment);

    /// <summary>
    /// Stops one trial, running or still queued, because its sweep was paused or cancelled: it comes back as a cancelled
    /// <see cref="TrialRan"/> (to be handed back), not as a failure. False when it was told so before.
    /// </summary>
    public bool Stop(TrialAssignment assignment, StopReason why)
    {
        var key = (assignment.Key, assignment.Attempt);
        var first = _toStop.TryAdd(key, why);
        if (first) Interlocked.Increment(ref _toStopCount); // a full fence: a trial registered before this is seen below
        if (_running.TryGetValue(assignment.Key, out var trial) && trial.Attempt == assignment.Attempt)
        {
            if (Take(key) is { } reason) return trial.Stop(reason);
            return false;
        }
        return first;
    }

    /// <summary>The trial has come back to the worker: a stop it was sent too late for is forgotten.</summary>
    public void Forget(TrialAssignment assignment)
    {
        if (Volatile.Read(ref _toStopCount) > 0) Take((assignment.Key, assignment.Attempt));
    }

    private StopReason? Take((TrialKey, int) key)
    {
        if (!_toStop.TryRemove(key, out var why)) return null;
        Interlocked.Decrement(ref _toStopCount);
        return why;
    }

    /// <summary>What the running trials last reported, for the worker's heartbeat.</summary>
    public IEnumerable<TrialReport> Reports() =>
        _running.Where(r => !r.Value.Abandoned).Select(r => (r.Key, r.Value.Progress.Latest))
            .Select(r => new TrialReport(r.Key.Sweep, r.Key.Index, r.Latest.Fraction, r.Latest.Step, r.Latest.Metrics));

    /// <summary>Cancels running trials and hands back the queued ones, each as a cancelled <see cref="TrialRan"/>.</summary>
    public void CancelAll()
    {
        _stopping = true;
        Interlocked.MemoryBarrier(); // a trial registered before this is seen below; one registered after sees _stopping
        foreach (var trial in _running.Values) trial.Stop(StopReason.WorkerStopping);
    }

    public void Dispose()
    {
        CancelAll();
        _queue.CompleteAdding();
    }

    private void RunTrials()
    {
        try
        {
            foreach (var assignment in _queue.GetConsumingEnumerable())
            {
                TrialRan ran;
                try
                {
                    ran = _stopping ? TrialRan.Cancelled(assignment) : Run(assignment);
                }
                catch (ThreadRetired)
                {
                    return; // its result was given up on; the coordinator has run or will run the trial again
                }
                _worker.Tell(ran);
            }
        }
        catch (ObjectDisposedException)
        {
            // the pool was disposed while this thread waited: nothing left to run
        }
        catch (InvalidOperationException)
        {
            // the queue was completed while this thread waited
        }
    }

    /// <summary>This machine's name, recorded with every trial it runs.</summary>
    private static readonly string Host = Environment.MachineName;

    private TrialRan Run(TrialAssignment assignment)
    {
        var checkpoints = _checkpoints is null ? null
            : new TouchedCheckpoints(_checkpoints.For(assignment.Sweep, assignment.Index), step => _worker.Tell(new TrialResumes(assignment.Key, assignment.Attempt, step)));
        var ran = Run(assignment, checkpoints ?? TrialCheckpoints.None);
        // A trial that ended (completed or failed) will not continue: its checkpoints go. One handed back keeps them, and
        // so does one paused at a scheduler's rung.
        if (ran.Outcome is not null && checkpoints is { Touched: true } && !(assignment.MayContinue && ran.Outcome.Succeeded))
            Forget(checkpoints, assignment);
        return ran;
    }

    private TrialRan Run(TrialAssignment assignment, ITrialCheckpoints checkpoints)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        // One cancellation a trial, cancelled directly by whoever stops it (pause, cancel, the worker stopping, its
        // time-out): no linked sources, and a timer only when the spec gives a time-out.
        var trial = new RunningTrial(assignment.Attempt);
        _running[assignment.Key] = trial;
        Interlocked.MemoryBarrier(); // pairs with the fences in CancelAll and Stop
        if (_stopping) trial.Stop(StopReason.WorkerStopping);
        else if (Volatile.Read(ref _toStopCount) > 0 && Take((assignment.Key, assignment.Attempt)) is { } why) trial.Stop(why);
        var timedOut = assignment.Timeout is { } timeout ? new CancellationTokenSource(timeout) : null;
        var timeoutLink = timedOut?.Token.UnsafeRegister(static t => ((RunningTrial)t!).Stop(StopReason.TimedOut), trial);
        try
        {
            if (trial.ToldToStop) return TrialRan.Cancelled(assignment);
            // A kind this worker lacks (the coordinator should not send it) is refused, not failed: it can run elsewhere.
            if (!_jobs.TryGet(assignment.Job, out var definition))
                throw new TrialRefusedException($"this worker does not run job kind '{assignment.Job}'");
            var job = definition.Create();
            var result = job.Run(new JobContext(assignment.Parameters, assignment.Seed, trial.Cancellation.Token, trial.Progress)
            {
                Sweep = assignment.Sweep,
                TrialIndex = assignment.Index,
                Attempt = assignment.Attempt,
                WorkDirectory = _workDirectory,
                Checkpoints = checkpoints,
                Settings = assignment.Settings ?? [],
                Timeout = assignment.Timeout,
                StopAtStep = assignment.StopAtStep,
                TimedOut = timedOut?.Token ?? CancellationToken.None,
            });
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, true,
                result.Metrics, result.Series, null, started, started + clock.Elapsed, Host, JobDetails.Bounded(result.Details)), clock.Elapsed);
        }
        catch (TrialRefusedException e)
        {
            return new TrialRan(assignment, null, clock.Elapsed) { Refusal = string.IsNullOrWhiteSpace(e.Reason) ? "the job refused it without a reason" : e.Reason };
        }
        catch (Exception) when (trial.ToldToStop)
        {
            // Stopped from outside (pause, cancel, the worker stopping): however the job ended, the trial is handed back.
            return TrialRan.Cancelled(assignment);
        }
        catch (OperationCanceledException) when (trial.Why == StopReason.TimedOut)
        {
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, false,
                new Dictionary<string, double>(), null, $"timed out after {Core.Spec.SpecDuration.Format(assignment.Timeout!.Value)}",
                started, started + clock.Elapsed, Host), clock.Elapsed);
        }
        catch (Exception e)
        {
            // A job's own account of a failure is shown as it wrote it; anything else says what was thrown.
            var error = e is Core.Parameters.JobParameterException or JobFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, false,
                new Dictionary<string, double>(), null, error, started, started + clock.Elapsed, Host,
                JobDetails.Bounded((e as JobFailedException)?.Details)), clock.Elapsed);
        }
        finally
        {
            _running.TryRemove(assignment.Key, out _);
            timeoutLink?.Dispose(); // before the trial's source: a time-out firing now must not cancel a disposed one
            timedOut?.Dispose();
            trial.Dispose();
            // A thread that outlived its trial's timeout was replaced; it retires rather than add a slot.
            if (trial.Abandoned) throw new ThreadRetired();
        }
    }

    private void Forget(ITrialCheckpoints checkpoints, TrialAssignment assignment)
    {
        try
        {
            checkpoints.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or TrialCheckpointException)
        {
            // a checkpoint left behind costs space, not correctness: the result still goes out
            _worker.Tell(new CheckpointNotCleared(assignment.Key, e.Message));
        }
    }

    private sealed class RunningTrial(int attempt) : IDisposable
    {
        private int _why;

        public int Attempt { get; } = attempt;
        public CancellationTokenSource Cancellation { get; } = new();
        public TrialProgress Progress { get; } = new();
        public DateTime Started { get; } = DateTime.UtcNow;
        public volatile bool Abandoned;

        /// <summary>Why it was stopped (the first reason counts); <see cref="StopReason.None"/> while it was not.</summary>
        public StopReason Why => (StopReason)Volatile.Read(ref _why);

        /// <summary>Stopped from outside: handed back rather than failed (a time-out is the trial's own failure).</summary>
        public bool ToldToStop => Why is not (StopReason.None or StopReason.TimedOut);

        /// <summary>Cancels the trial's job; false when it was stopped before (for this or another reason).</summary>
        public bool Stop(StopReason why)
        {
            if (Interlocked.CompareExchange(ref _why, (int)why, (int)StopReason.None) != (int)StopReason.None) return false;
            try
            {
                Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // it ended and was cleaned up just now: nothing left to stop
            }
            return true;
        }

        public void Dispose() => Cancellation.Dispose();
    }

    private sealed class ThreadRetired : Exception;
}

/// <summary>
/// A trial has run on this node (or was cancelled before it could finish, when <see cref="Outcome"/> is null, or cannot
/// run here at all, when <see cref="Refusal"/> says why).
/// </summary>
internal sealed record TrialRan(TrialAssignment Assignment, TrialOutcome? Outcome, TimeSpan Duration)
{
    public string? Refusal { get; init; }

    public static TrialRan Cancelled(TrialAssignment assignment) => new(assignment, null, TimeSpan.Zero);
}

/// <summary>A trial starts from its checkpoint after <paramref name="Step"/> (logged by the worker).</summary>
internal sealed record TrialResumes(TrialKey Trial, int Attempt, long Step);

/// <summary>A finished trial's checkpoints could not be removed (logged by the worker).</summary>
internal sealed record CheckpointNotCleared(TrialKey Trial, string Reason);
