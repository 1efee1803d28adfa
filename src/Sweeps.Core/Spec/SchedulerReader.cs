using Sweeps.Core.Jobs;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Reads <c>scheduler: {kind: asha, metric: valid_loss, goal: minimize, resource: epoch, min_resource: 1, max_resource: 81,
/// reduction_factor: 3}</c>. The metric and goal default to the objective's, the resource to the job's step. Only a job
/// that runs in steps (<see cref="JobDefinition.Steps"/>) can be judged on the way; successive halving also needs it to
/// stop at a step and continue from its checkpoint, which such a job does.
/// </summary>
internal sealed class SchedulerReader(SpecProblems problems, JobDefinition? job)
{
    public static readonly IReadOnlyList<string> Kinds = ["median", "asha", "sha", "hyperband"];

    private static readonly IReadOnlyList<string> Keys =
        ["kind", "metric", "goal", "resource", "min_resource", "max_resource", "reduction_factor", "startup_trials"];

    public SchedulerSpec? Read(YamlNode? node, Objective? objective, SamplerKind? sampler)
    {
        if (node is null || node is YamlScalarNode scalar && SpecScalar.IsEmpty(scalar)) return null;
        if (node is not YamlMappingNode map)
        {
            problems.Add(node, "scheduler", $"must be a mapping, got {SpecScalar.Describe(node)}",
                "e.g. scheduler: {kind: asha, metric: valid_loss, goal: minimize, min_resource: 1, max_resource: 27}");
            return null;
        }
        var before = problems.Count;
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(name)) problems.Add(key, $"scheduler.{name}", $"unknown key '{name}'", Suggestion.Hint(name, Keys, "known keys"));
        }
        var kind = ReadKind(map);
        if (job is not null && job.Steps is null)
        {
            problems.Add(node, "scheduler", $"job '{job.Kind}' does not run in steps, so nothing can be judged before it ends",
                "remove scheduler, or use a job that reports a metric after each step (lstm.train, command)");
            return null;
        }
        var metric = ReadMetric(map, objective);
        var goal = ReadGoal(map, objective);
        var resource = ReadResource(map);
        var min = ReadWhole(map, "min_resource", 1, 1, long.MaxValue / 2);
        var max = kind is SchedulerKind.Median ? min : ReadMaxResource(map);
        var factor = (int)ReadWhole(map, "reduction_factor", SchedulerSpec.DefaultReductionFactor, 2, 100);
        var startup = (int)ReadWhole(map, "startup_trials", SchedulerSpec.DefaultStartupTrials, 0, 1_000_000);
        if (kind is not SchedulerKind.Median && SweepReader.Find(map, "startup_trials") is { } startupNode)
            problems.Add(startupNode, "scheduler.startup_trials", "is used by kind median only", "remove it");
        if (kind is SchedulerKind.Median)
            foreach (var only in new[] { "max_resource", "reduction_factor" })
                if (SweepReader.Find(map, only) is { } onlyNode)
                    problems.Add(onlyNode, $"scheduler.{only}", "is used by the successive-halving kinds (asha, sha, hyperband) only", "remove it");
        if (kind is { } k && k != SchedulerKind.Median && sampler == SamplerKind.Tpe)
            problems.Add(node, "scheduler", $"kind {Word(k)} cannot be used with sampler tpe: its paused trials would hold back tpe's next suggestions",
                "use kind: median with sampler tpe, or sampler random or sobol with successive halving");
        if (kind is { } rungs && rungs != SchedulerKind.Median && max is { } top && top >= min)
        {
            var count = 1;
            for (var level = min; level <= top / factor && count <= SchedulerSpec.MaxRungs; level *= factor) count++;
            if (count > SchedulerSpec.MaxRungs)
                problems.Add(node, "scheduler", $"makes more than {SchedulerSpec.MaxRungs} rungs from {min} to {top} with reduction_factor {factor}",
                    "raise min_resource or reduction_factor");
            if (count < 2)
                problems.Add(node, "scheduler.max_resource", $"must be at least min_resource × reduction_factor ({min} × {factor}) for a second rung",
                    $"e.g. max_resource: {min * factor * factor}");
        }
        if (max is { } m && m < min)
            problems.Add(SweepReader.Find(map, "max_resource")!, "scheduler.max_resource", $"must be at least min_resource ({min}), got {m}");
        if (problems.Count > before || kind is null || metric is null || goal is null || resource is null || max is null) return null;
        return new SchedulerSpec(kind.Value, metric, goal.Value, resource, min, max.Value, factor, startup);
    }

    public static string Word(SchedulerKind kind) => kind.ToString().ToLowerInvariant();

    private SchedulerKind? ReadKind(YamlMappingNode map)
    {
        var node = SweepReader.Find(map, "kind");
        var given = (node as YamlScalarNode)?.Value ?? "";
        var index = Kinds.ToList().IndexOf(given);
        if (node is YamlScalarNode && index >= 0) return (SchedulerKind)index;
        problems.Add(node ?? map, "scheduler.kind", node is null ? "is missing" : $"must be one of {string.Join(", ", Kinds)}, got {SpecScalar.Describe(node)}",
            Suggestion.Hint(given, Kinds, "kinds"));
        return null;
    }

    private string? ReadMetric(YamlMappingNode map, Objective? objective)
    {
        var node = SweepReader.Find(map, "metric");
        if (node is null)
        {
            if (objective is not null) return objective.Metric;
            problems.Add(map, "scheduler.metric", "is missing, and the sweep has no objective to take it from",
                "name the intermediate metric to judge trials on, e.g. metric: valid_loss");
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } metric } && MetricName.IsValid(metric))
        {
            if (job is { Metrics.Count: > 0 } && !job.Metrics.Contains(metric))
            {
                problems.Add(node, "scheduler.metric", $"job '{job.Kind}' does not report a metric '{metric}'", Suggestion.Hint(metric, job.Metrics, $"metrics of {job.Kind}"));
                return null;
            }
            return metric;
        }
        problems.Add(node, "scheduler.metric", $"must be a metric name, got {SpecScalar.Describe(node)}", MetricName.Rule);
        return null;
    }

    private ObjectiveGoal? ReadGoal(YamlMappingNode map, Objective? objective)
    {
        var node = SweepReader.Find(map, "goal");
        if (node is null)
        {
            if (objective is not null) return objective.Goal;
            problems.Add(map, "scheduler.goal", "is missing, and the sweep has no objective to take it from", "goal: minimize or goal: maximize");
            return null;
        }
        if (node is YamlScalarNode { Value: "maximize" }) return ObjectiveGoal.Maximize;
        if (node is YamlScalarNode { Value: "minimize" }) return ObjectiveGoal.Minimize;
        problems.Add(node, "scheduler.goal", $"must be maximize or minimize, got {SpecScalar.Describe(node)}");
        return null;
    }

    private string? ReadResource(YamlMappingNode map)
    {
        var steps = job?.Steps ?? "step";
        var node = SweepReader.Find(map, "resource");
        if (node is null) return steps;
        if (node is YamlScalarNode { Value: var given } && given == steps) return steps;
        // an unknown job is reported where job: is; its resource is taken as written
        if (job is null && node is YamlScalarNode { Value: { Length: > 0 } word } && MetricName.IsValid(word)) return word;
        problems.Add(node, "scheduler.resource", $"job '{job?.Kind}' counts its steps in {steps}s, got {SpecScalar.Describe(node)}", $"resource: {steps}");
        return null;
    }

    private long? ReadMaxResource(YamlMappingNode map)
    {
        if (SweepReader.Find(map, "max_resource") is not null) return ReadWhole(map, "max_resource", 0, 1, long.MaxValue / 2);
        problems.Add(map, "scheduler.max_resource", "is missing: successive halving needs the resource a trial runs to in the end",
            "e.g. max_resource: 81 for trials of 81 epochs (set the job's own limit, such as max_epochs, to the same)");
        return null;
    }

    private long ReadWhole(YamlMappingNode map, string key, long fallback, long least, long most)
    {
        if (SweepReader.Find(map, key) is not { } node) return fallback;
        if (SweepReader.Whole(node) is { } value && value >= least && value <= most) return value;
        problems.Add(node, $"scheduler.{key}", $"must be a whole number from {least} to {most}, got {SpecScalar.Describe(node)}");
        return fallback;
    }
}
