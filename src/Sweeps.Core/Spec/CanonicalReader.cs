using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Reads back the canonical text <see cref="SpecText.ToCanonicalYaml"/> wrote, field by field and without the checks
/// of <see cref="SweepReader"/>: that text was validated before it was stored. Values are classified exactly as
/// <see cref="SpecScalar"/> does for <see cref="SpecLoader.Parse"/>, so both give the same spec and fingerprint.
/// </summary>
internal static class CanonicalReader
{
    public static SweepSpec Read(string text, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException) // YamlDotNet's scanner throws the latter at some ends of text
        {
            throw Damaged(origin, $"it is not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw Damaged(origin, "it does not hold exactly one sweep");
        try
        {
            return new SweepSpec(
                Word(root["name"]),
                Word(root["job"]),
                Enum.Parse<SamplerKind>(Word(root["sampler"]), ignoreCase: true),
                Optional(root, "trials") is { } trials ? long.Parse(Word(trials), CultureInfo.InvariantCulture) : null,
                ulong.Parse(Word(root["seed"]), CultureInfo.InvariantCulture),
                int.Parse(Word(root["replicates"]), CultureInfo.InvariantCulture),
                Parameters(root["parameters"]),
                Optional(root, "objective") is YamlMappingNode objective
                    ? new Objective(Word(objective["metric"]), Enum.Parse<ObjectiveGoal>(Word(objective["goal"]), ignoreCase: true))
                    : null,
                new SpecSource(origin, SpecProblems.LineOf(root)))
            {
                Requires = Requires(root),
                Timeout = Optional(root, "timeout") is { } timeout
                    ? SpecDuration.TryParse(Word(timeout), out var limit) ? limit : throw new FormatException($"'{Word(timeout)}' is not a timeout")
                    : null,
                Settings = Settings(root),
                Batch = Optional(root, "batch") is { } batch ? int.Parse(Word(batch), CultureInfo.InvariantCulture) : null,
                Tpe = Optional(root, "tpe") is YamlMappingNode tpe
                    ? new TpeOptions(Optional(tpe, "multivariate") is { } multivariate && bool.Parse(Word(multivariate)))
                    : TpeOptions.Default,
                Scheduler = Optional(root, "scheduler") is YamlMappingNode scheduler ? Scheduler(scheduler) : null,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw Damaged(origin, e.Message);
        }
    }

    private static SchedulerSpec Scheduler(YamlMappingNode s)
    {
        long Whole(string key, long fallback) => Optional(s, key) is { } node ? long.Parse(Word(node), CultureInfo.InvariantCulture) : fallback;
        var min = Whole("min_resource", 1);
        return new SchedulerSpec(Enum.Parse<SchedulerKind>(Word(s["kind"]), ignoreCase: true), Word(s["metric"]),
            Enum.Parse<ObjectiveGoal>(Word(s["goal"]), ignoreCase: true), Word(s["resource"]), min, Whole("max_resource", min),
            (int)Whole("reduction_factor", SchedulerSpec.DefaultReductionFactor), (int)Whole("startup_trials", SchedulerSpec.DefaultStartupTrials));
    }

    private static IReadOnlyDictionary<string, string> Requires(YamlMappingNode root)
    {
        if (Optional(root, "requires") is not YamlMappingNode requires) return SweepSpec.NoRequirements;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in requires.Children) labels.Add(Word(key), Word(value));
        return labels;
    }
    private static readonly HashSet<string> CommonKeys = [.. SweepReader.Keys];

    /// <summary>Every key besides the common ones is a job setting, in the order written (the job's declared order).</summary>
    private static List<Jobs.JobSettingValue> Settings(YamlMappingNode root) =>
        root.Children.Where(pair => !CommonKeys.Contains(Word(pair.Key)))
            .Select(pair => pair.Value is YamlSequenceNode list
                ? new Jobs.JobSettingValue(Word(pair.Key), list.Children.Select(Word).ToList(), true)
                : Jobs.JobSettingValue.Text(Word(pair.Key), Word(pair.Value)))
            .ToList();

    private static List<ParameterSpec> Parameters(YamlNode node)
    {
        var parameters = new List<ParameterSpec>();
        foreach (var (key, value) in ((YamlMappingNode)node).Children)
        {
            var name = Word(key);
            var line = SpecProblems.LineOf(key);
            parameters.Add(value switch
            {
                YamlScalarNode scalar => new ConstantParameter(name, line, SpecScalar.ToValue(scalar)),
                YamlSequenceNode list => new ChoiceParameter(name, line, list.Children.Select(item => SpecScalar.ToValue((YamlScalarNode)item)).ToList()),
                _ => Range(name, line, (YamlMappingNode)value),
            });
        }
        return parameters;
    }

    private static RangeParameter Range(string name, int line, YamlMappingNode range) => new(
        name,
        line,
        Number(range["min"]),
        Number(range["max"]),
        Word(range["scale"]) == "log" ? RangeScale.Log : RangeScale.Linear,
        Word(range["type"]) == "int",
        Optional(range, "steps") is { } steps ? int.Parse(Word(steps), CultureInfo.InvariantCulture) : null);

    private static double Number(YamlNode node) =>
        SpecScalar.TryNumber(node, out var value, out _) ? value : throw new FormatException($"'{Word(node)}' is not a number");

    private static string Word(YamlNode node) => ((YamlScalarNode)node).Value ?? throw new FormatException("a value is missing");

    private static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static InvalidDataException Damaged(string origin, string problem) =>
        new($"{origin}: the stored spec cannot be read back ({problem}); it was changed after Sweeps wrote it");
}
