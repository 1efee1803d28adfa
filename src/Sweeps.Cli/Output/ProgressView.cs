using System.Diagnostics;
using Serilog;
using Spectre.Console;
using Spectre.Console.Rendering;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cli.Output;

/// <summary>
/// Shows a run's progress: a live table on a terminal (done, failed, running, total, rate, ETA), a log line every
/// few seconds otherwise, so redirected output stays readable.
/// </summary>
internal sealed class ProgressView
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (double Seconds, long Done)> _first = new();
    private readonly Dictionary<string, (double Seconds, long Done)> _last = new();
    private TimeSpan? _lastLine;

    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public IReadOnlyList<SweepProgress> Latest { get; private set; } = [];

    public void Update(IReadOnlyList<SweepProgress> sweeps)
    {
        Latest = sweeps;
        var now = _clock.Elapsed.TotalSeconds;
        foreach (var s in sweeps)
        {
            _first.TryAdd(s.Name, (now, s.Done));
            _last[s.Name] = (now, s.Done);
        }
        if (!IsInteractive && (_lastLine is null || _clock.Elapsed - _lastLine >= TimeSpan.FromSeconds(5)))
        {
            _lastLine = _clock.Elapsed;
            foreach (var s in sweeps)
            {
                Log.Information("{Sweep}: {Done}/{Total} done, {Failed} failed, {Running} running, {Rate} trials/s, ETA {Eta}", s.Name, s.Done, s.Total, s.Failed, s.Running, Rate(s).ToString("0.#"), Eta(s));
                foreach (var r in s.Reports.Take(3).Where(r => r.Metrics is not null))
                    Log.Information("{Sweep} trial {Trial}: {Progress:P0} at step {Step}: {Metrics}", s.Name, r.Index, r.Fraction, r.Step,
                        string.Join(", ", r.Metrics!.Select(m => $"{m.Key}={Numbers.Show(m.Value)}")));
            }
        }
    }

    public IRenderable Render()
    {
        var running = Latest.SelectMany(s => s.Reports.Take(3).Select(r => (Sweep: s.Name, Report: r))).ToList();
        if (running.Count == 0) return Counts();
        var trials = new Table().Border(TableBorder.Simple).Title("[grey]running trials, furthest along[/]");
        foreach (var column in new[] { "sweep", "trial", "progress", "step", "latest metrics" }) trials.AddColumn(column);
        foreach (var (sweep, r) in running)
        {
            var metrics = r.Metrics is null ? "" : string.Join("  ", r.Metrics.Take(4).Select(m => $"{m.Key}={Numbers.Show(m.Value)}"));
            trials.AddRow(Markup.Escape(sweep), $"#{r.Index}", $"{r.Fraction:P0}", r.Step.ToString(), Markup.Escape(metrics));
        }
        return new Rows(Counts(), trials);
    }

    private Table Counts()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]sweeps[/]");
        foreach (var column in new[] { "sweep", "state", "progress", "done", "failed", "running", "total", "trials/s", "ETA" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.Columns[0].LeftAligned();
        foreach (var s in Latest)
        {
            var fraction = s.Total == 0 ? 1 : (double)s.Done / s.Total;
            table.AddRow(
                new Markup(Markup.Escape(s.Name)), new Text(s.State.Text()),
                Bar(fraction),
                new Text(s.Done.ToString("N0")), new Markup(s.Failed > 0 ? $"[red]{s.Failed:N0}[/]" : "0"),
                new Text(s.Running.ToString("N0")), new Text(s.Total.ToString("N0")),
                new Text(Rate(s).ToString("N1")), new Text(Eta(s)));
        }
        return table;
    }

    /// <summary>A bar whose shape reads without colour, and the percentage as a number.</summary>
    private static Markup Bar(double fraction)
    {
        const int width = 20;
        var done = (int)Math.Round(fraction * width);
        return new Markup($"[green]{new string('█', done)}[/][grey]{new string('░', width - done)}[/] {Math.Floor(fraction * 100),3:0}%");
    }

    private double Rate(SweepProgress s)
    {
        if (!_first.TryGetValue(s.Name, out var first) || !_last.TryGetValue(s.Name, out var last)) return 0;
        var seconds = last.Seconds - first.Seconds;
        return seconds <= 0 ? 0 : (last.Done - first.Done) / seconds;
    }

    private string Eta(SweepProgress s)
    {
        if (s.IsOver) return s.State.Text();
        var rate = Rate(s);
        if (rate <= 0) return "?";
        var eta = TimeSpan.FromSeconds(Math.Min((s.Total - s.Done) / rate, TimeSpan.MaxValue.TotalSeconds / 2));
        return eta.TotalHours >= 1 ? $"{(int)eta.TotalHours}h{eta.Minutes:00}m" : eta.TotalMinutes >= 1 ? $"{eta.Minutes}m{eta.Seconds:00}s" : $"{eta.TotalSeconds:0}s";
    }
}
