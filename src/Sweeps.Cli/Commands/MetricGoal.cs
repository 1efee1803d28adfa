using Sweeps.Core.Spec;

namespace Sweeps.Cli.Commands;

/// <summary>Which metric a command ranks by and in which direction: --metric and --goal, else the spec's objective.</summary>
internal static class MetricGoal
{
    /// <summary>--goal as a goal; null when not given; anything but min/max is a usage error.</summary>
    public static ObjectiveGoal? Parse(string? goal) => goal switch
    {
        null => null,
        "min" or "minimize" => ObjectiveGoal.Minimize,
        "max" or "maximize" => ObjectiveGoal.Maximize,
        _ => throw new UsageException($"--goal: '{goal}' is not a goal; use min or max"),
    };

    /// <summary>The metric, refused with "did you mean" when the sweep's trials have no such metric.</summary>
    public static string Known(string metric, IReadOnlyList<string> metrics) =>
        metrics.Contains(metric) ? metric
            : throw new UsageException($"--metric: this sweep has no metric '{metric}'; {Suggestion.Hint(metric, metrics, "its metrics")}");

    /// <summary>The direction for a metric: --goal, else the objective's when it is the objective; null when neither says.</summary>
    public static ObjectiveGoal? For(string metric, ObjectiveGoal? given, Objective? objective) =>
        given ?? (objective is { } o && o.Metric == metric ? o.Goal : null);
}
