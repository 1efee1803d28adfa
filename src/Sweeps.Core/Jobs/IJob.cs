namespace Sweeps.Core.Jobs;

/// <summary>
/// What every job kind implements: parameters, a seed, cancellation and a progress channel in
/// (all in <see cref="JobContext"/>); named numeric metrics and small named series out.
/// A job is called on a thread of its own, never on an actor's thread, so it may compute for as long as it needs.
/// Throwing fails the trial (the message is recorded); it never fails the sweep. Throw
/// <see cref="TrialRefusedException"/> instead when the trial cannot run on this worker at all.
/// </summary>
/// <remarks>
/// A plugin assembly (<c>--jobs MyJobs.dll</c>) offers a job as a public class implementing this interface with a
/// public static <c>Definition</c> property of type <see cref="JobDefinition"/>, as <see cref="NoopJob"/> does.
/// </remarks>
public interface IJob
{
    /// <summary>Runs one trial to its end and returns its metrics; checks <see cref="JobContext.Cancellation"/> now and then.</summary>
    /// <exception cref="OperationCanceledException">The trial was cancelled (its sweep paused or cancelled, its worker stopping): it runs again later.</exception>
    /// <exception cref="TrialRefusedException">This worker cannot run the trial at all; it runs elsewhere, not counted as failed.</exception>
    JobResult Run(JobContext context);
}
