using Sweeps.Core.Jobs;

namespace Sweeps.Cluster.Workers;

/// <summary>
/// What a running job last reported: how far it is and its latest intermediate metrics. Written by the job's thread,
/// read by the worker actor when it sends a heartbeat.
/// </summary>
internal sealed class TrialProgress : IJobProgress
{
    private readonly object _gate = new();
    private double _fraction;
    private long _step;
    private IReadOnlyDictionary<string, double>? _metrics;

    public void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null)
    {
        var copy = metrics is null ? null : new Dictionary<string, double>(metrics);
        lock (_gate)
        {
            _fraction = Math.Clamp(fraction, 0, 1);
            _step = step;
            if (copy is not null) _metrics = copy;
        }
    }

    public (double Fraction, long Step, IReadOnlyDictionary<string, double>? Metrics) Latest
    {
        get { lock (_gate) return (_fraction, _step, _metrics); }
    }
}
