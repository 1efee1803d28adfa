namespace Sweeps.Core.Spec;

/// <summary>What "best" means for a sweep: a metric and whether to maximise or minimise it.</summary>
public sealed record Objective(string Metric, ObjectiveGoal Goal);

public enum ObjectiveGoal
{
    Maximize,
    Minimize,
}
