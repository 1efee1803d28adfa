using System.Diagnostics;
using Sweeps.Core.Jobs;

namespace Sweeps.Geometry.Tests.Support;

/// <summary>Keeps every progress report with the time it arrived.</summary>
public sealed class RecordingProgress : IJobProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<(double Fraction, TimeSpan At)> Reports { get; } = [];

    public void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null) =>
        Reports.Add((fraction, _clock.Elapsed));
}
