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
    private readonly Thread[] _threads;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Messages.TrialKey, TrialProgress> _running = new();

    public TrialRunnerPool(int slots, JobRegistry jobs, IActorRef worker)
    {
        _jobs = jobs;
        _worker = worker;
        _threads = Enumerable.Range(0, slots).Select(i => new Thread(RunTrials) { IsBackground = true, Name = $"sweeps-trial-{i}" }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    public void Enqueue(TrialAssignment assignment) => _queue.Add(assignment);

    /// <summary>What the running trials last reported, for the worker's heartbeat.</summary>
    public IEnumerable<TrialReport> Reports() =>
        _running.Select(r => (r.Key, r.Value.Latest))
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
                _worker.Tell(_stopping.IsCancellationRequested ? TrialRan.Cancelled(assignment) : Run(assignment));
        }
        catch (ObjectDisposedException)
        {
            // the pool was disposed while this thread waited: nothing left to run
        }
    }

    private TrialRan Run(TrialAssignment assignment)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var progress = new TrialProgress();
        _running[assignment.Key] = progress;
        try
        {
            var job = _jobs.Get(assignment.Job).Create();
            var result = job.Run(new JobContext(assignment.Parameters, assignment.Seed, _stopping.Token, progress));
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, true,
                result.Metrics, result.Series, null, started, started + clock.Elapsed), clock.Elapsed);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return TrialRan.Cancelled(assignment);
        }
        catch (Exception e)
        {
            var error = e is Core.Parameters.JobParameterException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            return new TrialRan(assignment, new TrialOutcome(assignment.Sweep, assignment.Index, assignment.Attempt, false,
                new Dictionary<string, double>(), null, error, started, started + clock.Elapsed), clock.Elapsed);
        }
        finally
        {
            _running.TryRemove(assignment.Key, out _);
        }
    }
}

/// <summary>A trial has run on this node (or was cancelled before it could finish, when <see cref="Outcome"/> is null).</summary>
internal sealed record TrialRan(TrialAssignment Assignment, TrialOutcome? Outcome, TimeSpan Duration)
{
    public static TrialRan Cancelled(TrialAssignment assignment) => new(assignment, null, TimeSpan.Zero);
}
