using System.Collections.Concurrent;
using Sweeps.Cluster.Messages;
using Sweeps.Core.Lifecycle;
using Sweeps.Report;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Server.Dashboard;

/// <summary>
/// Where the dashboard reads: the results store, and on a coordinator node also the coordinator's progress report, which
/// alone knows the running trials' latest intermediate metrics. It only reads; the rates are kept per sweep here.
/// </summary>
public sealed class DashboardData(ResultStore store, Func<CancellationToken, Task<ProgressReport>>? live = null)
{
    private readonly ConcurrentDictionary<string, RateWindow> _rates = new();

    /// <summary>Each sweep's figures as last drawn, with the count of finished trials they were drawn at: viewers share them.</summary>
    private readonly ConcurrentDictionary<string, (long Done, string Html)> _figures = new();

    public ResultStore Store { get; } = store;

    internal async Task<IReadOnlyList<SweepView>> SweepsAsync(CancellationToken cancellation)
    {
        var rows = Store.Sweeps();
        var report = await LiveAsync(cancellation);
        var views = rows.Select(row => View(row, report?.Sweeps.FirstOrDefault(s => s.Name == row.Name))).ToList();
        // the projection may lag the coordinator: a sweep just submitted has no row yet
        if (report is not null)
            views.AddRange(report.Sweeps.Where(s => rows.All(r => r.Name != s.Name)).Select(s => View(null, s)!));
        return views;
    }

    /// <summary>The sweep, with at most <paramref name="runningShown"/> running trials; null when there is none of that name.</summary>
    internal async Task<SweepView?> SweepAsync(string name, int runningShown, CancellationToken cancellation)
    {
        var row = Store.FindSweep(name);
        var report = await LiveAsync(cancellation);
        var progress = report?.Sweeps.FirstOrDefault(s => s.Name == name);
        if (row is null && progress is null) return null;
        var view = View(row, progress);
        var reports = progress?.Reports.ToDictionary(r => r.Index) ?? [];
        var running = new List<RunningTrialView>();
        if (row is not null)
        {
            var query = new TrialQuery(TrialFilter.Parse("status = running", TrialFieldSet.For([], [])), Limit: runningShown, WithSeries: false);
            foreach (var trial in Store.ReadTrials(name, query))
                running.Add(reports.Remove(trial.Index, out var r)
                    ? new RunningTrialView(trial.Index, trial.Worker, trial.StartedAt, r.Fraction, r.Step, r.Metrics)
                    : new RunningTrialView(trial.Index, trial.Worker, trial.StartedAt, null, null, null));
        }
        running.AddRange(reports.Values.Take(runningShown - running.Count).Select(r => new RunningTrialView(r.Index, null, null, r.Fraction, r.Step, r.Metrics)));
        return view with { RunningTrials = running };
    }

    /// <summary>The report's best trials and figures for the sweep, drawn again only when more trials have finished.</summary>
    internal string Figures(SweepView sweep)
    {
        // counted in the store the figures are drawn from (a coordinator's own count can be ahead of its projection)
        var done = Store.FindSweep(sweep.Name) is { } row ? Store.Summarize(row).Done : -1;
        if (_figures.TryGetValue(sweep.Name, out var drawn) && drawn.Done == done) return drawn.Html;
        string html;
        try
        {
            html = $"<span hidden data-drawn=\"{done}\"></span>" + SweepReport.Sections(Store, sweep.Name);
        }
        catch (ReportException e)
        {
            return $"<p class=\"note\">{Html.Escape(e.Message)}</p>"; // a sweep with no row yet, or a spec that cannot be read
        }
        _figures[sweep.Name] = (done, html);
        return html;
    }

    private SweepView View(SweepRow? row, SweepProgress? progress)
    {
        SweepView view;
        if (progress is not null)
            view = new SweepView(progress.Name, row?.Job ?? "", progress.State.Text(), progress.IsOver, progress.Total, progress.Completed, progress.Failed, progress.Running, null) { Pruned = progress.Pruned };
        else
        {
            var summary = Store.Summarize(row!);
            view = new SweepView(row!.Name, row.Job, row.State.Text(), row.State.IsOver(), row.TotalTrials, summary.Completed, summary.Failed, summary.Running, null) { Pruned = summary.Pruned };
        }
        var window = _rates.GetOrAdd(view.Name, _ => new RateWindow());
        double? rate;
        lock (window) rate = window.Add(DateTime.UtcNow, view.Done);
        return view with { Rate = rate };
    }

    private async Task<ProgressReport?> LiveAsync(CancellationToken cancellation)
    {
        if (live is null) return null;
        try
        {
            return await live(cancellation);
        }
        catch (CoordinatorUnavailable)
        {
            return null; // the store still says how far the sweeps are
        }
    }
}
