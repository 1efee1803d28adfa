using System.Text.Json;
using Sweeps.Core.Jobs;

namespace Sweeps.Command;

/// <summary>
/// The metrics convention: a line of stdout that is a JSON object of numbers (<c>{"epoch": 3, "valid_loss": 0.41}</c>)
/// is an intermediate report; its <c>step</c> (or <c>epoch</c>) orders it, else its count; a <c>progress</c> from 0 to
/// 1 says how far the program is. The last value of each metric is the trial's result, and each metric's values make
/// a series. Any other line is the program's log. Bounded: at most <see cref="MaxMetrics"/> names (later ones are
/// ignored) and <see cref="MaxSeriesPoints"/> points a series (thinned by half when full, evenly over the run).
/// </summary>
internal sealed class MetricLines(IJobProgress progress)
{
    public const int MaxMetrics = 64;
    public const int MaxSeries = 16;
    public const int MaxSeriesPoints = 128;
    private const int MaxKeysPerLine = 256;

    private readonly Dictionary<string, double> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);
    private long _lines;
    private double _fraction;

    public IReadOnlyDictionary<string, double> Last => _last;

    public IReadOnlyDictionary<string, double[]> SeriesByName => _series.ToDictionary(s => s.Key, s => s.Value.Points.ToArray());

    /// <summary>Reads one line; true when it was a metrics report.</summary>
    public bool Read(ReadOnlySpan<byte> line)
    {
        if (Parse(line) is not { } metrics) return false;
        _lines++;
        var step = _lines;
        if (metrics.TryGetValue("step", out var s) || metrics.TryGetValue("epoch", out s))
            if (s >= long.MinValue && s <= long.MaxValue && Math.Floor(s) == s) step = (long)s;
        if (metrics.TryGetValue("progress", out var p) && p is >= 0 and <= 1) _fraction = p;
        foreach (var (name, value) in metrics)
        {
            if (!_last.ContainsKey(name) && _last.Count >= MaxMetrics) continue;
            _last[name] = value;
            if (name is "step" or "epoch" or "progress") continue;
            if (!_series.TryGetValue(name, out var series))
            {
                if (_series.Count >= MaxSeries) continue;
                _series[name] = series = new Series();
            }
            series.Add(value);
        }
        progress.Report(_fraction, step, metrics);
        return true;
    }

    /// <summary>The line's metrics, or null when it is not a JSON object of numbers with metric names.</summary>
    public static Dictionary<string, double>? Parse(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t\r"u8);
        if (line.Length < 2 || line[0] != (byte)'{' || line[^1] != (byte)'}') return null;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return metrics.Count > 0 && !reader.Read() ? metrics : null;
                if (reader.TokenType != JsonTokenType.PropertyName || metrics.Count >= MaxKeysPerLine) return null;
                var name = reader.GetString()!;
                if (!MetricName.IsValid(name) || !reader.Read() || reader.TokenType != JsonTokenType.Number
                    || !reader.TryGetDouble(out var value) || !double.IsFinite(value)) return null;
                metrics[name] = value;
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Series
    {
        private int _stride = 1;
        private long _seen;

        public List<double> Points { get; } = [];

        public void Add(double value)
        {
            if (_seen++ % _stride != 0) return;
            Points.Add(value);
            if (Points.Count < MaxSeriesPoints) return;
            for (var i = 0; i < Points.Count / 2; i++) Points[i] = Points[2 * i];
            Points.RemoveRange(Points.Count / 2, Points.Count - Points.Count / 2);
            _stride *= 2;
        }
    }
}
