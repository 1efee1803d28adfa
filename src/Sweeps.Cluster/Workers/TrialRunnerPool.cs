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
    private readonly CancellationTokenSource _stopping = new();
    private readonly JobRegistry _jobs;
    private readonly IActorRef _worker;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Messages.TrialKey, RunningTrial> _running = new();
    private readonly string _workDirectory;
    private int _threadCount;

    public TrialRunnerPool(int slots, JobRegistry jobs, IActorRef worker, string workDirectory)
    {
        _jobs = jobs;
        _worker = worker;
        _workDirectory = workDirectory;
        for (var i = 0; i < slots; i++) StartThread();
    }

    private void StartThread()
    {
        var number = Interlocked.Increment(ref _threadCount);
        new Thread(RunTrials) { IsBackground = true, Name = $"sweeps-trial-{number}" }.Start();
    }

    /// <summary>Running trials that started longer ago than <paramref name="timeout"/> and are not given up on yet.</summary>
    public IReadOnlyList<Messages.TrialKey> Overdue(TimeSpan timeout)
    {
        var now = DateTime.UtcNow;
        return _running.Where(r => !r.Value.Abandoned && now - r.Value.Started > timeout).Select(r => r.Key).ToList();
    }

    /// <summary>Gives up on a trial: cancels it, and starts a fresh thread for its slot in case it never returns.</summary>
    public void Abandon(Messages.TrialKey key)
    {
        if (!_running.TryGetValue(key, out var trial) || trial.Abandoned) return;
        trial.Abandoned = true;
        trial.Cancellation.Cancel();
        StartThread();
    }

    public void Enqueue(TrialAssignment assignment) => _queue.Add(assignment);

    /// <summary>What the running trials last reported, for the worker's heartbeat.</summary>
    public IEnumerable<TrialReport> Reports() =>
        _running.Where(r => !r.Value.Abandoned).Select(r => (r.Key, r.Value.Progress.Latest))
            .Select(r => new TrialReport(r.Key.Sweep, r.Key.Index, r.Latest.Fraction, r.Latest.Step, r.Latest.Metrics));

    /// <summary>Cancels running trials and hands back the queued ones, each as a cancelled <see cref="TrialRan"/>.</summary>
    public void CancelAll() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Cancel();
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
                    ran = _stopping.IsCancellationRequested ? TrialRan.Cancelled(assignment) : Run(assignment);
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
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var trial = new RunningTrial(CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        // The spec's timeout: the job is cancelled when it runs out, and the trial fails (it is not handed back).
        var timedOut = assignment.Timeout is { } timeout ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
        var timeoutLink = timedOut.Token.Register(trial.Cancellation.Cancel);
        _running[assignment.Key] = trial;
        try
        {
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
                Settings = assignment.Settings ?? [],
                Timeout = assignment.Timeout,
                TimedOut = timedOut.Token,
            });
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, true,
                result.Metrics, result.Series, null, started, started + clock.Elapsed, Host, JobDetails.Bounded(result.Details)), clock.Elapsed);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return TrialRan.Cancelled(assignment);
        }
        catch (OperationCanceledException) when (timedOut.IsCancellationRequested)
        {
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, false,
                new Dictionary<string, double>(), null, $"timed out after {Core.Spec.SpecDuration.Format(assignment.Timeout!.Value)}",
                started, started + clock.Elapsed, Host), clock.Elapsed);
        }
        catch (TrialRefusedException e)
        {
            return new TrialRan(assignment, null, clock.Elapsed) { Refusal = string.IsNullOrWhiteSpace(e.Reason) ? "the job refused it without a reason" : e.Reason };
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
            timeoutLink.Dispose(); // before the trial's source: a time-out firing now must not cancel a disposed one
            timedOut.Dispose();
            trial.Cancellation.Dispose();
            // A thread that outlived its trial's timeout was replaced; it retires rather than add a slot.
            if (trial.Abandoned) throw new ThreadRetired();
        }
    }

    private sealed class RunningTrial(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public TrialProgress Progress { get; } = new();
        public DateTime Started { get; } = DateTime.UtcNow;
        public volatile bool Abandoned;
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
