using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;

namespace Sweeps.TestSupport;

/// <summary>Builders for the rows tests write.</summary>
public static class Some
{
    public static SweepRow Sweep(string name = "shell", long total = 10, string fingerprint = "f1") =>
        new(name, "noop", "grid", total, "value", "maximize", fingerprint, $"name: {name}\njob: noop\n", SweepState.Running,
            new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc));

    public static TrialRow Trial(string sweep, long index, TrialStatus status = TrialStatus.Completed, int attempt = 1, double value = 0.5) =>
        new(sweep, index, index, 0, (ulong)(1000 + index) * 0x9E3779B97F4A7C15UL,
            new TrialParameters([new("dimension", ParameterValue.Of(index + 2)), new("epsilon", ParameterValue.Of(0.01)), new("optimizer", ParameterValue.Of("adam"))]),
            status, attempt, "worker-a",
            new DateTime(2026, 11, 26, 3, 1, 0, DateTimeKind.Utc), status is TrialStatus.Completed or TrialStatus.Failed ? new DateTime(2026, 11, 26, 3, 1, 1, DateTimeKind.Utc) : null,
            status is TrialStatus.Completed or TrialStatus.Failed ? 1000 : null,
            status == TrialStatus.Completed ? new Dictionary<string, double> { ["value"] = value, ["nan"] = double.NaN } : new Dictionary<string, double>(),
            status == TrialStatus.Completed ? new Dictionary<string, double[]> { ["histogram"] = [1, 2, 3] } : null,
            status == TrialStatus.Failed ? "boom" : null);

    public static StoreBatch Batch(long sequenceNr, params TrialRow[] rows)
    {
        var batch = new StoreBatch { SequenceNr = sequenceNr };
        foreach (var row in rows) batch.Put(row);
        return batch;
    }
}
