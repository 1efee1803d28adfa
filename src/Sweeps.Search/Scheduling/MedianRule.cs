using Sweeps.Core.Spec;

namespace Sweeps.Search.Scheduling;

/// <summary>
/// The median stopping rule (Golovin et al. 2017; Optuna's MedianPruner): after the warm-up steps, and once enough
/// trials have finished, stop a trial whose best value so far is worse than the median of the finished trials' values
/// at the same step.
/// </summary>
/// <param name="WarmupSteps">Steps before which no trial is stopped (Optuna's n_warmup_steps, default 0).</param>
/// <param name="StartupTrials">Finished trials needed before any trial is stopped (Optuna's n_startup_trials, default 5).</param>
public sealed record MedianRule(ObjectiveGoal Goal, long WarmupSteps = 0, int StartupTrials = 5)
{
    /// <param name="history">The trial's intermediate values so far, by step.</param>
    /// <param name="step">The step just reported.</param>
    /// <param name="finishedAtStep">
    /// The value at <paramref name="step"/> of each finished trial that reported that step; <paramref name="finished"/>
    /// is how many trials have finished in all.
    /// </param>
    public bool ShouldStop(IReadOnlyDictionary<long, double> history, long step, IReadOnlyCollection<double> finishedAtStep, int finished)
    {
        if (step < WarmupSteps || finished < StartupTrials || finishedAtStep.Count == 0) return false;
        var upToNow = history.Where(h => h.Key <= step).Select(h => h.Value).Where(v => !double.IsNaN(v)).ToList();
        if (upToNow.Count == 0) return true; // nothing but NaN so far: worse than any number
        var best = Goal == ObjectiveGoal.Minimize ? upToNow.Min() : upToNow.Max();
        var median = Median(finishedAtStep.Where(v => !double.IsNaN(v)).ToList());
        if (double.IsNaN(median)) return false;
        return Goal == ObjectiveGoal.Minimize ? best > median : best < median;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
