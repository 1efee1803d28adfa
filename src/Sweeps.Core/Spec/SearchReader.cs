using Sweeps.Core.Parameters;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Checks what an adaptive sampler needs beside the common keys: <c>sampler: tpe</c> learns from an objective and
/// suggests one point a trial; <c>batch: K</c> makes it suggest K at a time, reproducibly; <c>tpe: {multivariate: true}</c>
/// models all parameters together.
/// </summary>
internal sealed class SearchReader(SpecProblems problems)
{
    public const int MaxBatch = 10_000;

    public static readonly IReadOnlyList<string> TpeKeys = ["multivariate"];

    /// <returns>The batch size, or null when none is given (or it is wrong, which is reported); and TPE's options.</returns>
    public (int? Batch, TpeOptions Tpe) Read(YamlMappingNode sweep, SamplerKind? sampler, Objective? objective, int replicates)
    {
        var batch = ReadBatch(sweep, sampler);
        var tpe = ReadTpe(sweep, sampler);
        if (sampler != SamplerKind.Tpe) return (batch, tpe);
        if (objective is null && SweepReader.Find(sweep, "objective") is null)
            problems.Add(sweep, "objective", "is missing: sampler tpe learns which trials are good from an objective",
                "add objective: {metric: valid_loss, goal: minimize}");
        if (replicates != 1 && SweepReader.Find(sweep, "replicates") is { } node)
            problems.Add(node, "replicates", "must be 1 for sampler tpe, which suggests each point from the results before it",
                "remove replicates, or use sampler: random or sobol to repeat points");
        return (batch, tpe);
    }

    private int? ReadBatch(YamlMappingNode sweep, SamplerKind? sampler)
    {
        if (SweepReader.Find(sweep, "batch") is not { } node) return null;
        if (sampler is { } kind && kind != SamplerKind.Tpe)
        {
            problems.Add(node, "batch", $"is only used by sampler tpe, not {SweepReader.Word(kind)}",
                "remove batch, or use sampler: tpe to suggest trials in batches");
            return null;
        }
        if (SweepReader.Whole(node) is { } batch and >= 1 and <= MaxBatch) return (int)batch;
        problems.Add(node, "batch", $"must be a whole number from 1 to {MaxBatch}, got {SpecScalar.Describe(node)}",
            "e.g. batch: 8 suggests 8 trials at a time from the results of the batches before them");
        return null;
    }

    private TpeOptions ReadTpe(YamlMappingNode sweep, SamplerKind? sampler)
    {
        if (SweepReader.Find(sweep, "tpe") is not { } node || node is YamlScalarNode empty && SpecScalar.IsEmpty(empty)) return TpeOptions.Default;
        if (sampler is { } kind && kind != SamplerKind.Tpe)
        {
            problems.Add(node, "tpe", $"is only used by sampler tpe, not {SweepReader.Word(kind)}",
                "remove tpe, or use sampler: tpe");
            return TpeOptions.Default;
        }
        if (node is not YamlMappingNode map)
        {
            problems.Add(node, "tpe", $"must be a mapping, got {SpecScalar.Describe(node)}",
                "e.g. tpe: {multivariate: true} models all parameters together");
            return TpeOptions.Default;
        }
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!TpeKeys.Contains(name)) problems.Add(key, $"tpe.{name}", $"unknown key '{name}'", Suggestion.Hint(name, TpeKeys, "known keys"));
        }
        if (SweepReader.Find(map, "multivariate") is not { } flag) return TpeOptions.Default;
        if (flag is YamlScalarNode scalar && SpecScalar.IsPlain(scalar) && SpecScalar.ClassifyPlain(scalar.Value ?? "") is { Kind: ParameterKind.Boolean } value)
            return new TpeOptions(value.Number != 0);
        problems.Add(flag, "tpe.multivariate", $"must be true or false, got {SpecScalar.Describe(flag)}",
            "multivariate: true models all parameters together (Optuna's multivariate TPE); false, the default, one at a time");
        return TpeOptions.Default;
    }
}
