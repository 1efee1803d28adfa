using Sweeps.Cluster.Messages;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;

namespace Sweeps.Cluster.Events;

// The coordinator's journal. Every event is a batch where it can be: one write per request, not per trial,
// is what lets a coordinator record thousands of trials a second.

/// <summary>A sweep was accepted, with its canonical spec (re-read with the job registry on recovery).</summary>
/// <param name="Origin">Who submitted it, from where; null in journals written before it was recorded.</param>
public sealed record SweepSubmitted(string Name, string Spec, string Fingerprint, long TotalTrials, DateTime At, SweepOrigin? Origin = null) : ISweepsMessage;

/// <summary>
/// Trials handed to a worker: the never-run trials <c>FirstNew .. FirstNew + NewCount - 1</c> (attempt 1) and
/// trials run again (<see cref="Retries"/>, each with its new attempt).
/// </summary>
public sealed record TrialsDispatched(string Sweep, string Worker, long FirstNew, int NewCount, IReadOnlyList<RetriedTrial> Retries, DateTime At)
    : ISweepsMessage;

/// <param name="Losses">How many times this trial's worker was lost (not counting coordinator restarts or hand-backs).</param>
public sealed record RetriedTrial(long Index, int Attempt, int Losses);

/// <summary>Trials whose outcome is final: completed, or failed (the job threw, or its workers were lost too often).</summary>
/// <summary>
/// Points an adaptive sampler (TPE) suggested for the sweep's next trials, from <paramref name="FirstIndex"/> on. Journaled
/// before the trials are handed out, so recovery replays a suggestion instead of computing it again.
/// </summary>
public sealed record TrialsSuggested(string Sweep, long FirstIndex, IReadOnlyList<TrialParameters> Parameters, DateTime At) : ISweepsMessage;

/// <summary>
/// A sweep was given more trials (<see cref="Core.Spec.SweepExtension"/>): its canonical spec and total are now these; its
/// first trials keep their points and results. A finished sweep runs again.
/// </summary>
public sealed record SweepExtended(string Sweep, string Spec, string Fingerprint, long TotalTrials, DateTime At) : ISweepsMessage;

public sealed record TrialsFinished(string Sweep, string Worker, IReadOnlyList<TrialOutcome> Outcomes) : ISweepsMessage;

/// <summary>Trials that will run again: their worker was lost or stuck (a loss), or handed them back (no loss).</summary>
public sealed record TrialsRequeued(string Sweep, IReadOnlyList<RequeuedTrial> Trials, string Reason) : ISweepsMessage;

public sealed record RequeuedTrial(long Index, int Attempt, int Losses);

/// <summary>A sweep was paused, resumed, cancelled, or has finished.</summary>
public sealed record SweepStateChanged(string Sweep, SweepState State, DateTime At) : ISweepsMessage;

/// <summary>
/// A worker could not run these trials at all: they run again (a new attempt, not counted as a loss), and the worker is
/// given no more of the sweep's trials while it stays connected.
/// </summary>
public sealed record TrialsRefused(string Sweep, string Worker, IReadOnlyList<RequeuedTrial> Trials, string Reason, DateTime At) : ISweepsMessage;

/// <summary>The sweep waits because no connected worker can run it (<see cref="Reason"/> says why), or no longer (null).</summary>
public sealed record SweepWaiting(string Sweep, string? Reason, DateTime At) : ISweepsMessage;

/// <summary>
/// Trials of a sweep with successive halving (<c>scheduler:</c> asha, sha, hyperband) that ran to a rung below the last: each
/// pauses there with its result, keeping its checkpoint, until it is promoted or pruned.
/// </summary>
public sealed record TrialsReachedRung(string Sweep, string Worker, IReadOnlyList<RungResult> Results) : ISweepsMessage;

/// <param name="Rung">The rung reached, counted from 0 in the trial's bracket.</param>
/// <param name="Step">The rung's resource (the epoch the trial stopped after).</param>
/// <param name="Value">The scheduler's metric there (NaN when the trial did not report it: ranked last).</param>
public sealed record RungResult(TrialOutcome Outcome, int Rung, long Step, double Value);

/// <summary>The scheduler continues paused trials to their next rung, each as a new attempt from its checkpoint.</summary>
public sealed record TrialsPromoted(string Sweep, IReadOnlyList<PromotedTrial> Trials, DateTime At) : ISweepsMessage;

/// <param name="Attempt">The attempt the trial runs as from its checkpoint.</param>
public sealed record PromotedTrial(long Index, int FromRung, int ToRung, int Attempt);

/// <summary>
/// The scheduler stopped trials for good: a paused trial not promoted, or (median) a running one worse than the median.
/// Each is final with the metrics of the step it was judged at.
/// </summary>
public sealed record TrialsPruned(string Sweep, IReadOnlyList<PrunedTrial> Trials, DateTime At) : ISweepsMessage;

/// <param name="Rung">The rung it was judged at (successive halving); null for the median rule.</param>
/// <param name="Reason">In words, for the trial's row: which rule, what value, against what.</param>
public sealed record PrunedTrial(TrialOutcome Outcome, long Step, int? Rung, string Reason);

/// <summary>
/// A person runs failed or pruned trials again (<c>sweeps retry</c>): each waits to run as the attempt given (one more than
/// the attempt that ended), a pruned one to its end. The first <see cref="Failed"/> trials were failed, the other
/// <see cref="Pruned"/> pruned. A retry of many trials is journaled in several of these, each well under the frame size.
/// </summary>
public sealed record TrialsRetried(string Sweep, IReadOnlyList<RetriedTrial> Trials, long Failed, long Pruned, DateTime At) : ISweepsMessage;
