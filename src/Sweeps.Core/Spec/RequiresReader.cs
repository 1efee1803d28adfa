using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>Reads <c>requires: {gpu: a100, zone: b}</c>: the worker labels a sweep's trials need, as a mapping of names to plain values.</summary>
internal sealed class RequiresReader(SpecProblems problems)
{
    private const string Example = "e.g. requires: {gpu: a100}; workers carry labels with --label gpu=a100";

    public IReadOnlyDictionary<string, string> Read(YamlNode? node)
    {
        if (node is null) return SweepSpec.NoRequirements;
        if (node is not YamlMappingNode map)
        {
            problems.Add(node, "requires", $"must be a mapping of label names to values, got {SpecScalar.Describe(node)}", Example);
            return SweepSpec.NoRequirements;
        }
        if (map.Children.Count > WorkerLabels.MaxCount)
            problems.Add(map, "requires", $"names {map.Children.Count} labels; at most {WorkerLabels.MaxCount} are allowed", Example);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !WorkerLabels.IsValidName(name))
            {
                problems.Add(key, "requires", $"{SpecScalar.Describe(key)} is not a label name", WorkerLabels.NameRule);
                continue;
            }
            var field = $"requires.{name}";
            if (value is not YamlScalarNode scalar || SpecScalar.IsEmpty(scalar))
            {
                problems.Add(value, field, $"must be a plain value, got {SpecScalar.Describe(value)}", Example);
                continue;
            }
            if (!WorkerLabels.IsValidValue(scalar.Value!))
            {
                problems.Add(value, field, $"'{scalar.Value}' is not a label value", WorkerLabels.ValueRule);
                continue;
            }
            labels[name] = scalar.Value!;
        }
        return labels;
    }
}
