using Sweeps.Core.Jobs;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>Reads <c>objective: {metric: fraction, goal: maximize}</c>, checking the metric against what the job reports.</summary>
internal sealed class ObjectiveReader(SpecProblems problems, JobDefinition? job)
{
    private static readonly IReadOnlyList<string> Keys = ["metric", "goal"];
    private static readonly IReadOnlyList<string> Goals = ["maximize", "minimize"];

    public Objective? Read(YamlNode? node)
    {
        if (node is null || node is YamlScalarNode scalar && SpecScalar.IsEmpty(scalar)) return null;
        if (node is not YamlMappingNode map)
        {
            problems.Add(node, "objective", $"must be a mapping, got {SpecScalar.Describe(node)}", "e.g. objective: {metric: loss, goal: minimize}");
            return null;
        }
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(name))
                problems.Add(key, $"objective.{name}", $"unknown key '{name}'", Suggestion.Hint(name, Keys, "known keys"));
        }
        var metric = ReadMetric(map);
        var goal = ReadGoal(map);
        return metric is null || goal is null ? null : new Objective(metric, goal.Value);
    }

    private string? ReadMetric(YamlMappingNode map)
    {
        var metrics = job?.Metrics ?? [];
        var known = metrics.Count > 0 ? $"; job '{job!.Kind}' reports: {string.Join(", ", metrics)}" : "";
        var node = SweepReader.Find(map, "metric");
        if (node is not YamlScalarNode { Value: { Length: > 0 } metric } scalar || SpecScalar.IsEmpty(scalar))
        {
            problems.Add(node ?? map, "objective.metric", node is null ? "is missing" : $"must be a metric name, got {SpecScalar.Describe(node)}",
                $"name the metric to optimise{known}");
            return null;
        }
        if (metrics.Count == 0 && !MetricName.IsValid(metric))
        {
            problems.Add(node, "objective.metric", $"'{metric}' is not a metric name", MetricName.Rule);
            return null;
        }
        if (metrics.Count == 0 || metrics.Contains(metric)) return metric;
        problems.Add(node, "objective.metric", $"job '{job!.Kind}' does not report a metric '{metric}'",
            Suggestion.Hint(metric, metrics, $"metrics of {job.Kind}"));
        return null;
    }

    private ObjectiveGoal? ReadGoal(YamlMappingNode map)
    {
        var node = SweepReader.Find(map, "goal");
        if (node is YamlScalarNode { Value: "maximize" }) return ObjectiveGoal.Maximize;
        if (node is YamlScalarNode { Value: "minimize" }) return ObjectiveGoal.Minimize;
        var given = (node as YamlScalarNode)?.Value ?? "";
        problems.Add(node ?? map, "objective.goal", node is null ? "is missing" : $"must be maximize or minimize, got {SpecScalar.Describe(node)}",
            Suggestion.Hint(given, Goals, "goals"));
        return null;
    }
}
