using Sweeps.Core.Jobs;

namespace Sweeps.Lstm.Tests.Support;

/// <summary>Keeps every progress report a job makes.</summary>
public sealed class RecordingProgress : IJobProgress
{
    public List<(double Fraction, long Step, IReadOnlyDictionary<string, double>? Metrics)> Reports { get; } = [];

    public void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null) =>
        Reports.Add((fraction, step, metrics));
}
