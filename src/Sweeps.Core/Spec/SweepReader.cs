using System.Globalization;
using Sweeps.Core.Jobs;
using Sweeps.Core.Sampling;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>Reads one sweep's mapping into a <see cref="SweepSpec"/>, reporting every mistake to <see cref="SpecProblems"/>.</summary>
internal sealed class SweepReader(SpecProblems problems, JobRegistry jobs, string? folder = null)
{
    public static readonly IReadOnlyList<string> Keys = ["name", "job", "sampler", "trials", "seed", "replicates", "parameters", "objective", "requires", "timeout", "batch", "tpe", "scheduler"];

    public static readonly IReadOnlyList<string> Samplers = ["grid", "random", "sobol", "tpe"];

    private readonly SettingsReader _settings = new(problems, jobs);

    /// <returns>The spec, or null when it has mistakes.</returns>
    public SweepSpec? Read(YamlMappingNode sweep, out string? name, out int nameLine)
    {
        var before = problems.Count;
        CheckKeys(sweep);
        name = ReadName(sweep, out nameLine);
        var job = ReadJob(sweep);
        var sampler = ReadSampler(sweep);
        var trials = ReadTrials(sweep, sampler);
        var seed = ReadSeed(sweep);
        var replicates = ReadReplicates(sweep);
        var parameters = new ParameterReader(problems, job, sampler, folder).Read(sweep, KeyOf(sweep, "parameters"), Find(sweep, "parameters"));
        var objective = new ObjectiveReader(problems, job).Read(Find(sweep, "objective"));
        var requires = new RequiresReader(problems).Read(Find(sweep, "requires"));
        var settings = _settings.Read(sweep, job, DeclaredNames(Find(sweep, "parameters")));
        var timeout = _settings.ReadTimeout(sweep);
        var (batch, tpe) = new SearchReader(problems).Read(sweep, sampler, objective, replicates);
        var scheduler = new SchedulerReader(problems, job).Read(Find(sweep, "scheduler"), objective, sampler);
        if (problems.Count > before || name is null || job is null) return null;

        var spec = new SweepSpec(name, job.Kind, sampler ?? SamplerKind.Grid, trials, seed, replicates, parameters, objective,
            new SpecSource(problems.File, SpecProblems.LineOf(sweep))) { Requires = requires, Settings = settings, Timeout = timeout, Batch = batch, Tpe = tpe, Scheduler = scheduler };
        CheckSize(spec, sweep);
        if (problems.Count == before) new PointCheck(problems).Check(spec, job, sweep);
        return problems.Count > before ? null : spec;
    }

    public static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var k } && k == key).Value;

    public static YamlNode? KeyOf(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var value } && value == key);

    /// <summary>The parameter names as written, also those with mistakes (reported once, where they are).</summary>
    private static List<string> DeclaredNames(YamlNode? parameters) =>
        parameters is YamlMappingNode map
            ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(n => n.Length > 0).ToList()
            : [];

    private void CheckKeys(YamlMappingNode sweep)
    {
        var keys = Keys.Concat(_settings.Known).ToList();
        foreach (var key in sweep.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
                problems.Add(key, "key", "keys must be plain words", $"known keys: {string.Join(", ", keys)}");
            else if (!keys.Contains(name))
                problems.Add(key, name, $"unknown key '{name}'", Suggestion.Hint(name, keys, "known keys"));
        }
    }

    private string? ReadName(YamlMappingNode sweep, out int line)
    {
        line = SpecProblems.LineOf(sweep);
        var node = Find(sweep, "name");
        if (node is null)
        {
            problems.Add(sweep, "name", "is missing", $"add name: <a name unique in the store>; {SweepName.Rule}");
            return null;
        }
        line = SpecProblems.LineOf(node);
        if (Word(node, "name", SweepName.Rule) is not { } name) return null;
        if (SweepName.IsValid(name)) return name;
        problems.Add(node, "name", $"'{name}' is not a valid sweep name", SweepName.Rule);
        return null;
    }

    private JobDefinition? ReadJob(YamlMappingNode sweep)
    {
        var node = Find(sweep, "job");
        var known = $"known kinds: {string.Join(", ", jobs.Kinds)}";
        if (node is null)
        {
            problems.Add(sweep, "job", "is missing", $"add job: <kind>; {known}");
            return null;
        }
        if (Word(node, "job", known) is not { } kind) return null;
        if (jobs.TryGet(kind, out var definition)) return definition;
        problems.Add(node, "job", $"unknown job kind '{kind}'", Suggestion.Hint(kind, jobs.Kinds, "known kinds"));
        return null;
    }

    private SamplerKind? ReadSampler(YamlMappingNode sweep)
    {
        var node = Find(sweep, "sampler");
        if (node is null) return SamplerKind.Grid;
        var hint = $"use one of: {string.Join(", ", Samplers)}";
        if (Word(node, "sampler", hint) is not { } word) return null;
        switch (word)
        {
            case "grid": return SamplerKind.Grid;
            case "random": return SamplerKind.Random;
            case "sobol": return SamplerKind.Sobol;
            case "tpe": return SamplerKind.Tpe;
        }
        problems.Add(node, "sampler", $"unknown sampler '{word}'", Suggestion.Hint(word, Samplers, "samplers"));
        return null;
    }

    private long? ReadTrials(YamlMappingNode sweep, SamplerKind? sampler)
    {
        var node = Find(sweep, "trials");
        if (node is null)
        {
            if (sampler is SamplerKind.Random or SamplerKind.Sobol or SamplerKind.Tpe)
                problems.Add(sweep, "trials", $"is missing: sampler {Word(sampler.Value)} needs to know how many points to draw",
                    "add trials: N, e.g. trials: 100");
            return null;
        }
        if (sampler == SamplerKind.Grid)
        {
            problems.Add(node, "trials", "is given for a grid, whose size is the product of its axes",
                "remove trials, or use sampler: random or sobol to draw that many points");
            return null;
        }
        if (Whole(node) is { } trials && trials >= 1) return trials;
        problems.Add(node, "trials", $"must be a whole number of at least 1, got {SpecScalar.Describe(node)}", "e.g. trials: 100");
        return null;
    }

    private ulong ReadSeed(YamlMappingNode sweep)
    {
        var node = Find(sweep, "seed");
        if (node is null) return 0;
        if (node is YamlScalarNode scalar && SpecScalar.IsPlain(scalar)
            && ulong.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            return seed;
        problems.Add(node, "seed", $"must be a whole number from 0 to {ulong.MaxValue}, got {SpecScalar.Describe(node)}", "e.g. seed: 42");
        return 0;
    }

    private int ReadReplicates(YamlMappingNode sweep)
    {
        var node = Find(sweep, "replicates");
        if (node is null) return 1;
        if (Whole(node) is { } replicates and >= 1 and <= int.MaxValue) return (int)replicates;
        problems.Add(node, "replicates", $"must be a whole number from 1 to {int.MaxValue}, got {SpecScalar.Describe(node)}",
            "replicates: 1 runs each point once; 3 runs it three times with different seeds");
        return 1;
    }

    private void CheckSize(SweepSpec spec, YamlMappingNode sweep)
    {
        var at = KeyOf(sweep, "parameters") ?? sweep;
        long points;
        switch (spec.Sampler)
        {
            case SamplerKind.Grid:
                try
                {
                    points = new GridSampler(spec.Parameters).PointCount;
                }
                catch (OverflowException)
                {
                    problems.Add(at, "parameters", $"the grid has more than {long.MaxValue} points",
                        "use fewer or shorter axes, or sampler: random or sobol with trials: N");
                    return;
                }
                break;
            case SamplerKind.Sobol when SobolSampler.DimensionsOf(spec.Parameters) > SobolSampler.MaxDimensions:
                problems.Add(at, "parameters",
                    $"sobol supports at most {SobolSampler.MaxDimensions} ranges and lists, this sweep has {SobolSampler.DimensionsOf(spec.Parameters)}",
                    "fix some parameters to constants, or use sampler: random");
                return;
            default:
                points = spec.Trials ?? 1;
                break;
        }
        if ((Int128)points * spec.Replicates > long.MaxValue)
            problems.Add(KeyOf(sweep, "replicates") ?? at, "replicates", $"{points} points times {spec.Replicates} replicates is more trials than a long can count",
                "use fewer points or replicates");
    }

    /// <summary>A plain word (not a list or mapping, not empty), or null after reporting what was found instead.</summary>
    private string? Word(YamlNode node, string field, string hint)
    {
        if (node is YamlScalarNode scalar && !SpecScalar.IsEmpty(scalar)) return scalar.Value;
        problems.Add(node, field, $"must be a single word, got {SpecScalar.Describe(node)}", hint);
        return null;
    }

    internal static long? Whole(YamlNode node) =>
        node is YamlScalarNode scalar && SpecScalar.IsPlain(scalar)
        && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static string Word(SamplerKind sampler) => sampler.ToString().ToLowerInvariant();
}
