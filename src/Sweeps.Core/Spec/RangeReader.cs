using System.Globalization;
using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>Reads a range <c>{min, max, scale: linear|log, type: float|int, steps: N}</c> and checks it fits the sampler and the job.</summary>
internal sealed class RangeReader(SpecProblems problems, SamplerKind? sampler)
{
    private static readonly IReadOnlyList<string> Keys = ["min", "max", "scale", "type", "steps"];

    public RangeParameter? Read(string name, int line, YamlMappingNode map, JobParameter? target)
    {
        var field = $"parameters.{name}";
        var before = problems.Count;
        foreach (var key in map.Children.Keys)
        {
            var word = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(word))
                problems.Add(key, $"{field}.{word}", $"unknown key '{word}' in a range", Suggestion.Hint(word, Keys, "a range takes"));
        }
        var type = Choose(map, field, "type", ["float", "int"]);
        var isInteger = type == "int";
        var scale = Choose(map, field, "scale", ["linear", "log"]) == "log" ? RangeScale.Log : RangeScale.Linear;
        var min = Bound(map, field, "min", isInteger);
        var max = Bound(map, field, "max", isInteger);
        if (min is { } low && max is { } high)
        {
            if (low > high)
                problems.Add(SweepReader.Find(map, "max")!, $"{field}.max", $"max {Show(high, isInteger)} is less than min {Show(low, isInteger)}",
                    $"swap them: {{min: {Show(high, isInteger)}, max: {Show(low, isInteger)}}}");
            if (scale == RangeScale.Log && low <= 0)
                problems.Add(SweepReader.Find(map, "min")!, $"{field}.min", $"a log scale needs min above 0, got {Show(low, isInteger)}",
                    isInteger ? "use min: 1 or more, or scale: linear" : "use a small positive min such as 1.0e-6, or scale: linear");
        }
        var steps = Steps(map, field);
        if (sampler == SamplerKind.Grid && SweepReader.Find(map, "steps") is null)
            problems.Add(map, field, "a grid needs steps for a range", "add steps: N (N points from min to max, ends included), or use sampler: random or sobol");
        if (type is not null) CheckTarget(map, field, name, isInteger, target);
        if (target?.Bounds is not null) CheckBounds(map, field, target, min, max);
        return problems.Count > before || min is null || max is null
            ? null
            : new RangeParameter(name, line, min.Value, max.Value, scale, isInteger, steps);
    }

    private void CheckTarget(YamlMappingNode map, string field, string name, bool isInteger, JobParameter? target)
    {
        switch (target?.Kind)
        {
            case ParameterKind.Integer when !isInteger:
                problems.Add(map, field, $"'{name}' takes a whole number, but this range draws real numbers", "add type: int to the range");
                break;
            case ParameterKind.Text or ParameterKind.Boolean:
                problems.Add(map, field, $"'{name}' takes {KindFit.Describe(target.Kind)}, but a range gives numbers", "give a value, or a list of values to choose from");
                break;
        }
    }

    /// <summary>Every value a range can give lies between its ends, so the ends are what must lie in the job's bounds.</summary>
    private void CheckBounds(YamlMappingNode map, string field, JobParameter target, double? min, double? max)
    {
        foreach (var (key, end) in new[] { ("min", min), ("max", max) })
        {
            if (end is not { } value || DeclaredValues.Refusal(target, ParameterValue.Of(value)) is not { } refusal) continue;
            problems.Add(SweepReader.Find(map, key)!, $"{field}.{key}", refusal.Problem, refusal.Hint);
        }
    }

    private string? Choose(YamlMappingNode map, string field, string key, IReadOnlyList<string> words)
    {
        var node = SweepReader.Find(map, key);
        if (node is null) return words[0];
        var given = (node as YamlScalarNode)?.Value ?? "";
        if (words.Contains(given)) return given;
        problems.Add(node, $"{field}.{key}", $"must be {string.Join(" or ", words)}, got {SpecScalar.Describe(node)}",
            Suggestion.Hint(given, words, $"{key} is one of") + $" (default {words[0]})");
        return null;
    }

    private double? Bound(YamlMappingNode map, string field, string key, bool isInteger)
    {
        var node = SweepReader.Find(map, key);
        if (node is null)
        {
            problems.Add(map, $"{field}.{key}", "is missing", "a range needs both min and max, e.g. {min: 1, max: 10}");
            return null;
        }
        if (!SpecScalar.TryNumber(node, out var value, out var isWhole))
        {
            problems.Add(node, $"{field}.{key}", $"must be a number, got {SpecScalar.Describe(node)}", $"e.g. {key}: 10");
            return null;
        }
        if (isInteger && (!isWhole || Math.Abs(value) > 1L << 53))
        {
            problems.Add(node, $"{field}.{key}", $"must be a whole number for type: int, got {Show(value, false)}",
                "round it, or remove type: int for a range of reals");
            return null;
        }
        return value;
    }

    private int? Steps(YamlMappingNode map, string field)
    {
        var node = SweepReader.Find(map, "steps");
        if (node is null) return null;
        if (sampler is SamplerKind.Random or SamplerKind.Sobol or SamplerKind.Tpe)
        {
            problems.Add(node, $"{field}.steps", $"is only used by the grid sampler, not {SweepReader.Word(sampler.Value)}",
                "remove steps (random and sobol draw from the whole range), or use sampler: grid");
            return null;
        }
        if (SpecScalar.TryNumber(node, out var value, out var isWhole) && isWhole && value is >= 2 and <= GridAxis.MaxSteps)
            return (int)value;
        problems.Add(node, $"{field}.steps", $"must be a whole number from 2 to {GridAxis.MaxSteps}, got {SpecScalar.Describe(node)}",
            "steps: N gives N points from min to max, ends included");
        return null;
    }

    private static string Show(double value, bool isInteger) =>
        isInteger ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}
