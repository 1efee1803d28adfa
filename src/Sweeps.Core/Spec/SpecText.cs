using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Sweeps.Core.Parameters;

namespace Sweeps.Core.Spec;

/// <summary>
/// A spec's canonical YAML: fixed key order, parameters in declaration order (it decides the points), invariant culture,
/// reals round-trip exact. <see cref="SpecLoader.Parse"/> reads it back to the same spec; its SHA-256 is the fingerprint.
/// </summary>
public static partial class SpecText
{
    public static string ToCanonicalYaml(SweepSpec spec)
    {
        var text = new StringBuilder();
        foreach (var (field, value) in Fields(spec))
        {
            if (field.StartsWith("parameters.", StringComparison.Ordinal)) continue;
            if (field == "parameters")
            {
                var parameters = spec.Parameters;
                text.Append(parameters.Count == 0 ? "parameters: {}\n" : "parameters:\n");
                foreach (var parameter in parameters)
                    text.Append("  ").Append(Word(parameter.Name)).Append(": ").Append(Render(parameter)).Append('\n');
                continue;
            }
            text.Append(field).Append(": ").Append(value).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Lowercase hex SHA-256 of the canonical YAML: equal for specs that sample the same trials.</summary>
    public static string Fingerprint(SweepSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalYaml(spec))));

    /// <summary>The spec as (field, canonical value) pairs in canonical order; "parameters" holds the declared order.</summary>
    internal static IReadOnlyList<(string Field, string Value)> Fields(SweepSpec spec)
    {
        var fields = new List<(string, string)>
        {
            ("name", Word(spec.Name)),
            ("job", Word(spec.Job)),
            ("sampler", spec.Sampler.ToString().ToLowerInvariant()),
        };
        if (spec.Trials is { } trials) fields.Add(("trials", trials.ToString(CultureInfo.InvariantCulture)));
        fields.Add(("seed", spec.Seed.ToString(CultureInfo.InvariantCulture)));
        fields.Add(("replicates", spec.Replicates.ToString(CultureInfo.InvariantCulture)));
        fields.Add(("parameters", "[" + string.Join(", ", spec.Parameters.Select(p => Word(p.Name))) + "]"));
        foreach (var parameter in spec.Parameters) fields.Add(($"parameters.{parameter.Name}", Render(parameter)));
        if (spec.Objective is { } objective)
            fields.Add(("objective", $"{{metric: {Word(objective.Metric)}, goal: {objective.Goal.ToString().ToLowerInvariant()}}}"));
        if (spec.Requires.Count > 0)
            fields.Add(("requires", "{" + string.Join(", ", spec.Requires.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{Word(r.Key)}: {Text(r.Value)}")) + "}"));
        if (spec.Timeout is { } timeout) fields.Add(("timeout", SpecDuration.Format(timeout)));
        if (spec.Batch is { } batch) fields.Add(("batch", batch.ToString(CultureInfo.InvariantCulture)));
        if (spec.Tpe.Multivariate) fields.Add(("tpe", "{multivariate: true}")); // only when asked for: older fingerprints stay
        if (spec.Scheduler is { } s)
            fields.Add(("scheduler", $"{{kind: {SchedulerReader.Word(s.Kind)}, metric: {Word(s.Metric)}, goal: {s.Goal.ToString().ToLowerInvariant()}, " +
                                     $"resource: {Word(s.Resource)}, min_resource: {s.MinResource}, " +
                                     (s.UsesRungs ? $"max_resource: {s.MaxResource}, reduction_factor: {s.ReductionFactor}}}" : $"startup_trials: {s.StartupTrials}}}")));
        foreach (var setting in spec.Settings)
            fields.Add((Word(setting.Name), setting.IsList ? "[" + string.Join(", ", setting.Items.Select(Quoted)) + "]" : Quoted(setting.Single())));
        return fields;
    }

    internal static string Render(ParameterSpec parameter) => parameter switch
    {
        ConstantParameter constant => Render(constant.Value),
        ChoiceParameter choice => "[" + string.Join(", ", choice.Values.Select(Render)) + "]",
        RangeParameter range => RenderRange(range),
        _ => throw new ArgumentException($"unknown parameter shape {parameter.GetType().Name}", nameof(parameter)),
    };

    internal static string Render(ParameterValue value) => value.Kind switch
    {
        ParameterKind.Integer or ParameterKind.Boolean => value.ToString(),
        ParameterKind.Real => Real(value.Number),
        _ => Text(value.Text ?? ""),
    };

    private static string RenderRange(RangeParameter range)
    {
        string Bound(double x) => range.IsInteger ? ((long)x).ToString(CultureInfo.InvariantCulture) : Real(x);
        var text = $"{{min: {Bound(range.Min)}, max: {Bound(range.Max)}, scale: {(range.Scale == RangeScale.Log ? "log" : "linear")}, type: {(range.IsInteger ? "int" : "float")}";
        if (range.Steps is { } steps) text += $", steps: {steps.ToString(CultureInfo.InvariantCulture)}";
        return text + "}";
    }

    /// <summary>"R" keeps every bit; a whole real gets ".0" so it reads back as a real, not an integer.</summary>
    private static string Real(double x)
    {
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>Text that reads back as this text: plain when it is an unambiguous word, double-quoted otherwise.</summary>
    private static string Text(string text) =>
        SafeWord().IsMatch(text) && SpecScalar.ClassifyPlain(text).Kind == ParameterKind.Text && !IsNullWord(text)
            ? text
            : Quoted(text);

    private static string Word(string word) => Text(word);

    private static bool IsNullWord(string text) => text is "null" or "Null" or "NULL" or "~";

    private static string Quoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9._/-]*$")]
    private static partial Regex SafeWord();
}
