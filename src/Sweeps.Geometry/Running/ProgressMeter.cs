using System.Diagnostics;

namespace Sweeps.Geometry.Running;

/// <summary>
/// Called once per chunk of work: honours cancellation every chunk and reports progress
/// at most every 100 ms, so a job can stream for hours without flooding its caller.
/// </summary>
public sealed class ProgressMeter
{
    private static readonly long Interval = Stopwatch.Frequency / 10;

    private readonly double _total;
    private readonly CancellationToken _cancellation;
    private readonly Action<double>? _report;
    private long _lastReport;

    public ProgressMeter(double total, CancellationToken cancellation, Action<double>? report)
    {
        _total = Math.Max(total, 1);
        _cancellation = cancellation;
        _report = report;
        _lastReport = Stopwatch.GetTimestamp();
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> once cancellation is requested.</summary>
    public void Advance(double done)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (_report is null) return;
        var now = Stopwatch.GetTimestamp();
        if (now - _lastReport < Interval) return;
        _lastReport = now;
        _report(Math.Clamp(done / _total, 0, 1));
    }

    /// <summary>Reports completion (always, however little time has passed).</summary>
    public void Finish() => _report?.Invoke(1);
}
