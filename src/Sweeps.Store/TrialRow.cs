using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;

namespace Sweeps.Store;

/// <summary>One row of the <c>trials</c> table: one trial of one sweep, with what it ran with and what it produced.</summary>
public sealed record TrialRow(
    string Sweep,
    long Index,
    long Point,
    int Replicate,
    ulong Seed,
    TrialParameters Parameters,
    TrialStatus Status,
    int Attempt,
    string? Worker,
    DateTime? StartedAt,
    DateTime? EndedAt,
    double? DurationMs,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]>? Series,
    string? Error)
{
    /// <summary>The host name of the worker that ran the trial's last attempt; null when not recorded (an older store or journal).</summary>
    public string? Host { get; init; }

    /// <summary>The job's facts about how the trial ran (<see cref="Core.Jobs.JobResult.Details"/>); null when it gave none.</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }
}
