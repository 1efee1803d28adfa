using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Reads <c>parameters:</c>: a scalar is a constant, a list a set of choices, a mapping a range; and checks each against
/// what the job takes. The job's defaults are not filled in: the job applies them itself.
/// </summary>
internal sealed class ParameterReader(SpecProblems problems, JobDefinition? job, SamplerKind? sampler, string? folder = null)
{
    private const string ShapeHint = "give a value (0.1), a list ([1, 2, 3]) or a range ({min: 1, max: 10})";

    public IReadOnlyList<ParameterSpec> Read(YamlMappingNode sweep, YamlNode? key, YamlNode? node)
    {
        var parameters = new List<ParameterSpec>();
        if (node is YamlMappingNode map)
        {
            foreach (var (nameNode, valueNode) in map.Children)
            {
                if (nameNode is not YamlScalarNode { Value: { Length: > 0 } name })
                {
                    problems.Add(nameNode, "parameters", "a parameter's name must be a plain word", Taken());
                    continue;
                }
                var target = job?.FindParameter(name);
                if (job is not null && target is null && !job.TakesAnyParameters)
                {
                    problems.Add(nameNode, $"parameters.{name}", $"job '{job.Kind}' takes no parameter '{name}'",
                        Suggestion.Hint(name, job.Parameters.Select(p => p.Name), $"{job.Kind} takes"));
                    continue;
                }
                if (ReadOne(name, nameNode, valueNode, target) is { } parameter) parameters.Add(parameter);
            }
        }
        else if (node is not null && !(node is YamlScalarNode scalar && SpecScalar.IsEmpty(scalar)))
        {
            problems.Add(node, "parameters", $"must be a mapping of name: value, got {SpecScalar.Describe(node)}", ShapeHint + " for each name");
        }
        CheckRequired(node as YamlMappingNode, key ?? sweep);
        return parameters;
    }

    private void CheckRequired(YamlMappingNode? given, YamlNode at)
    {
        if (job is null) return;
        foreach (var parameter in job.Parameters.Where(p => p.Required))
        {
            if (given is not null && SweepReader.Find(given, parameter.Name) is not null) continue;
            problems.Add(at, $"parameters.{parameter.Name}", $"job '{job.Kind}' requires '{parameter.Name}', which is not given",
                $"add {parameter.Name}: <{KindFit.Describe(parameter.Kind)}> ({parameter.Description})");
        }
    }

    private ParameterSpec? ReadOne(string name, YamlNode nameNode, YamlNode value, JobParameter? target)
    {
        var field = $"parameters.{name}";
        var line = SpecProblems.LineOf(nameNode);
        switch (value)
        {
            case YamlScalarNode scalar when SpecScalar.IsEmpty(scalar):
                problems.Add(value, field, "has no value", ShapeHint);
                return null;
            case YamlScalarNode scalar:
                var constant = Resolved(SpecScalar.ToValue(scalar), target);
                return Fits(constant, target, value, field) ? new ConstantParameter(name, line, constant) : null;
            case YamlSequenceNode list:
                return ReadList(name, line, list, target);
            case YamlMappingNode range:
                return new RangeReader(problems, sampler).Read(name, line, range, target);
            default:
                problems.Add(value, field, $"cannot be {SpecScalar.Describe(value)}", ShapeHint);
                return null;
        }
    }

    private ChoiceParameter? ReadList(string name, int line, YamlSequenceNode list, JobParameter? target)
    {
        var field = $"parameters.{name}";
        if (list.Children.Count == 0)
        {
            problems.Add(list, field, "is an empty list", "give at least one value, e.g. [1, 2, 3]");
            return null;
        }
        var values = new List<ParameterValue>();
        var firstAt = new Dictionary<ParameterValue, int>(); // a repeat is found in constant time: a long list is checked in linear time
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var itemField = $"{field}[{i}]";
            if (item is not YamlScalarNode scalar || SpecScalar.IsEmpty(scalar))
            {
                problems.Add(item, itemField, $"must be a single value, got {SpecScalar.Describe(item)}", "a list holds plain values, e.g. [0.1, 0.2]");
                ok = false;
                continue;
            }
            var value = Resolved(SpecScalar.ToValue(scalar), target);
            if (!Fits(value, target, item, itemField))
            {
                ok = false;
                continue;
            }
            if (!firstAt.TryAdd(value, i))
            {
                var first = firstAt[value];
                problems.Add(item, itemField, $"repeats {value} (already item {first})", "list each value once; every point runs once");
                ok = false;
                continue;
            }
            values.Add(value);
        }
        return ok ? new ChoiceParameter(name, line, values) : null;
    }

    /// <summary>A relative path given to a file parameter, made absolute against the spec file's folder (when the spec came from a file).</summary>
    private ParameterValue Resolved(ParameterValue value, JobParameter? target)
    {
        if (target is not { IsFile: true } || folder is null || value.Kind != ParameterKind.Text) return value;
        var path = value.Text!.Trim();
        if (path.Length == 0 || Path.IsPathRooted(path)) return value;
        try
        {
            return ParameterValue.Of(Path.GetFullPath(Path.Combine(folder, path)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return value; // not a usable path: the job's own check says why
        }
    }

    private bool Fits(ParameterValue value, JobParameter? target, YamlNode at, string field)
    {
        if (target is null) return true;
        if (!KindFit.Accepts(target.Kind, value))
        {
            problems.Add(at, field, $"'{target.Name}' takes {KindFit.Describe(target.Kind)}, got {KindFit.Describe(value)}", KindFit.Hint(target.Kind, value));
            return false;
        }
        if (DeclaredValues.Refusal(target, value) is not { } refusal) return true;
        problems.Add(at, field, refusal.Problem, refusal.Hint);
        return false;
    }

    private string Taken() =>
        job is null ? ShapeHint : $"{job.Kind} takes: {string.Join(", ", job.Parameters.Select(p => p.Name))}";
}
