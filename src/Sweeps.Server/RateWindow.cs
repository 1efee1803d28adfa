namespace Sweeps.Server;

/// <summary>Trials finished per second over the last few seconds, from successive (time, done) samples.</summary>
internal sealed class RateWindow
{
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(10);
    private readonly Queue<(DateTime At, long Done)> _samples = new();

    /// <summary>Adds a sample and returns the rate, or null until two samples are a moment apart.</summary>
    public double? Add(DateTime at, long done)
    {
        _samples.Enqueue((at, done));
        while (_samples.Count > 2 && at - _samples.Peek().At > Span) _samples.Dequeue();
        var (firstAt, firstDone) = _samples.Peek();
        var seconds = (at - firstAt).TotalSeconds;
        return seconds < 0.2 ? null : Math.Round((done - firstDone) / seconds, 2);
    }
}
