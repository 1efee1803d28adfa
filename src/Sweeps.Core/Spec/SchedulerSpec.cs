namespace Sweeps.Core.Spec;

/// <summary>
/// How a sweep stops trials early (<c>scheduler:</c>), judged on an intermediate metric at steps of the job's resource
/// (an epoch of lstm.train). <see cref="SchedulerKind.Median"/> stops a running trial worse than the median of the finished
/// ones at the same step; the successive-halving kinds run each trial to a rung (min_resource, ×η, … up to max_resource),
/// pause it there, and continue only the best from its checkpoint.
/// </summary>
/// <param name="Resource">The unit of a step, as the job names it (<c>epoch</c>).</param>
/// <param name="MinResource">The first rung (successive halving), or the warm-up steps before the median rule judges (median).</param>
/// <param name="MaxResource">The last rung: a trial promoted that far runs to the end (successive halving; unused by median).</param>
/// <param name="ReductionFactor">η: a rung keeps the best 1/η of the trials that reach it.</param>
/// <param name="StartupTrials">Median: finished trials needed before any trial is stopped (Optuna's n_startup_trials).</param>
public sealed record SchedulerSpec(
    SchedulerKind Kind,
    string Metric,
    ObjectiveGoal Goal,
    string Resource,
    long MinResource,
    long MaxResource,
    int ReductionFactor,
    int StartupTrials)
{
    public const int DefaultReductionFactor = 3;
    public const int DefaultStartupTrials = 5;

    /// <summary>Rungs above which a ladder would judge nothing useful; also bounds what a spec may ask for.</summary>
    public const int MaxRungs = 20;

    /// <summary>Whether trials pause at rungs and wait to be promoted (every kind but median).</summary>
    public bool UsesRungs => Kind != SchedulerKind.Median;
}

public enum SchedulerKind
{
    /// <summary>Optuna's median pruner: stop a trial whose best value so far is worse than the finished trials' median at that step.</summary>
    Median,

    /// <summary>Asynchronous successive halving (Li et al. 2020): promote whenever a trial is in the top 1/η of its rung so far.</summary>
    Asha,

    /// <summary>Synchronous successive halving: a rung promotes only once every trial it expects has reached it, so decisions follow from the seed alone.</summary>
    Sha,

    /// <summary>Hyperband (Li et al. 2018): trials dealt to brackets of asynchronous successive halving that start at different rungs.</summary>
    Hyperband,
}
