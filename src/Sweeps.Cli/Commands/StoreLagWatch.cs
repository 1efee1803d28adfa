using System.Diagnostics;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Projection;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Watches how far a store's tables trail the coordinator's journal while a bench runs, and when they caught up after
/// the last trial: the store has settled when every trial is done and no journal event is missing from the tables.
/// </summary>
internal sealed class StoreLagWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);
    private readonly ResultStore _store;
    private readonly Stopwatch _clock;
    private readonly List<(double Seconds, StoreLag Lag)> _samples = [];
    private readonly Lock _gate = new();
    private double? _doneAt;

    public StoreLagWatch(ResultStore store, Stopwatch clock)
    {
        _store = store;
        _clock = clock;
    }

    /// <summary>Seconds on the bench's clock when the coordinator counted every trial done.</summary>
    public double? DoneAt
    {
        get { lock (_gate) return _doneAt; }
    }

    /// <summary>Seconds on the bench's clock when the tables first held the whole journal after every trial was done.</summary>
    public double? SettledAt { get; private set; }

    public void AllDone()
    {
        lock (_gate) _doneAt ??= _clock.Elapsed.TotalSeconds;
    }

    /// <summary>Samples until the store settles or <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var lag = _store.Lag(ResultsProjection.Name, SweepCoordinator.JournalId);
            var now = _clock.Elapsed.TotalSeconds;
            if (lag is not null)
            {
                _samples.Add((now, lag));
                if (lag.Events == 0 && DoneAt is { } done && now >= done)
                {
                    SettledAt = now;
                    return;
                }
            }
            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The most journal events the tables were missing at one time.</summary>
    public long WorstEvents => _samples.Count == 0 ? 0 : _samples.Max(s => s.Lag.Events);

    /// <summary>
    /// The longest an event waited to reach the tables, as sampled: at each sample, how long ago the journal first
    /// held the oldest event the tables still missed.
    /// </summary>
    public double WorstSeconds
    {
        get
        {
            var worst = 0.0;
            var first = 0; // samples are in time order and the offset only grows, so the search only moves forward
            foreach (var (seconds, lag) in _samples)
            {
                if (lag.Events == 0) continue;
                while (first < _samples.Count && _samples[first].Lag.JournalHighest <= lag.Written) first++;
                if (first < _samples.Count) worst = Math.Max(worst, seconds - _samples[first].Seconds);
            }
            return worst;
        }
    }
}
