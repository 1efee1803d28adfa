using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Checks what an adaptive sampler needs beside the common keys: <c>sampler: tpe</c> learns from an objective and
/// suggests one point a trial; <c>batch: K</c> makes it suggest K at a time, reproducibly.
/// </summary>
internal sealed class SearchReader(SpecProblems problems)
{
    public const int MaxBatch = 10_000;

    /// <returns>The batch size, or null when none is given (or it is wrong, which is reported).</returns>
    public int? Read(YamlMappingNode sweep, SamplerKind? sampler, Objective? objective, int replicates)
    {
        var batch = ReadBatch(sweep, sampler);
        if (sampler != SamplerKind.Tpe) return batch;
        if (objective is null && SweepReader.Find(sweep, "objective") is null)
            problems.Add(sweep, "objective", "is missing: sampler tpe learns which trials are good from an objective",
                "add objective: {metric: valid_loss, goal: minimize}");
        if (replicates != 1 && SweepReader.Find(sweep, "replicates") is { } node)
            problems.Add(node, "replicates", "must be 1 for sampler tpe, which suggests each point from the results before it",
                "remove replicates, or use sampler: random or sobol to repeat points");
        return batch;
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
}
