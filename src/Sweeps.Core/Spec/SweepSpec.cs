namespace Sweeps.Core.Spec;

/// <summary>One sweep as the user wrote it, validated: which job, which parameter space, how to sample it.</summary>
/// <param name="Name">Unique within a store.</param>
/// <param name="Trials">Points to draw, for random and sobol; null for grid (the grid's size decides).</param>
/// <param name="Replicates">Repeats of each point, each with its own seed.</param>
/// <param name="Source">Where the spec was read from (file and line), for messages.</param>
public sealed record SweepSpec(
    string Name,
    string Job,
    SamplerKind Sampler,
    long? Trials,
    ulong Seed,
    int Replicates,
    IReadOnlyList<ParameterSpec> Parameters,
    Objective? Objective,
    SpecSource Source)
{
    /// <summary>
    /// Labels a worker must carry (<c>requires: {gpu: a100}</c>) to be given this sweep's trials; empty: any worker that
    /// runs the job kind. Keys in ordinal order, so the canonical text does not depend on how the spec was written.
    /// </summary>
    public IReadOnlyDictionary<string, string> Requires { get; init; } = NoRequirements;

    public static IReadOnlyDictionary<string, string> NoRequirements { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    /// <summary>The keys the sweep gives its job beside the common ones (<c>command:</c>), in the job's declared order.</summary>
    /// <remarks>No settings is always the same empty list, so that specs without any compare equal.</remarks>
    public IReadOnlyList<Jobs.JobSettingValue> Settings
    {
        get;
        init => field = value.Count == 0 ? Array.Empty<Jobs.JobSettingValue>() : value;
    } = Array.Empty<Jobs.JobSettingValue>();

    /// <summary>
    /// For <c>sampler: tpe</c>: suggest this many trials at a time, each batch from the results of the batches before it
    /// only, so that the sweep's trials follow from its seed whatever the number of workers. Null: suggest a trial whenever
    /// a worker asks, from every result so far (running trials count as the worst, "constant liar").
    /// </summary>
    public int? Batch { get; init; }

    /// <summary>For <c>sampler: tpe</c>: how it models the results (<c>tpe: {multivariate: true}</c>).</summary>
    public TpeOptions Tpe { get; init; } = TpeOptions.Default;

    /// <summary>How trials are stopped early (<c>scheduler:</c>); null: every trial runs its full budget.</summary>
    public SchedulerSpec? Scheduler { get; init; }

    /// <summary>A trial running longer than this is stopped and fails (<c>timeout: 2h</c>); null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The number of distinct parameter points (before replicates).</summary>
    public long PointCount => Sampling.SamplerFactory.Create(this).PointCount;

    /// <summary>Every trial the sweep will run: points times replicates.</summary>
    public long TrialCount => checked(PointCount * Replicates);
}

public enum SamplerKind
{
    Grid,
    Random,
    Sobol,

    /// <summary>The tree-structured Parzen estimator: each trial's point is suggested from the results so far and journaled.</summary>
    Tpe,
}

/// <summary>Where a spec came from: the file and the line its sweep starts on.</summary>
public sealed record SpecSource(string File, int Line);
