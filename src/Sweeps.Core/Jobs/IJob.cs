namespace Sweeps.Core.Jobs;

/// <summary>
/// What every job kind implements: parameters, a seed, cancellation and a progress channel in
/// (all in <see cref="JobContext"/>); named numeric metrics and small named series out.
/// A job is called on a thread of its own, never on an actor's thread, so it may compute for as long as it needs.
/// Throwing fails the trial (the message is recorded); it never fails the sweep.
/// </summary>
public interface IJob
{
    JobResult Run(JobContext context);
}
