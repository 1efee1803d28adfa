using Spectre.Console;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cli.Output;

/// <summary>
/// The table at the end of a run. With few points, one row a point (metrics averaged over replicates), best first
/// when the sweep has an objective; with many, the best trials. It streams the store, so a million trials are fine.
/// </summary>
internal static class Summary
{
    private const int MaxRows = 20;
    private const int MaxPointsGrouped = 2000;
    private const int MaxMetricColumns = 7;

    public static void Write(IAnsiConsole console, ResultStore store, SweepSpec spec)
    {
        if (store.FindSweep(spec.Name) is not { } sweep) return;
        var counts = store.Summarize(sweep);
        var varying = spec.Parameters.Where(p => p is not ConstantParameter).Select(p => p.Name).ToList();
        var constants = spec.Parameters.OfType<ConstantParameter>().Select(c => $"{c.Name}={c.Value}").ToList();
        var objective = spec.Objective;
        var rows = new List<SummaryRow>();
        var metricNames = new List<string>();
        var grouped = spec.TrialCount / spec.Replicates <= MaxPointsGrouped;
        var byPoint = new Dictionary<long, SummaryRow>();

        foreach (var trial in store.ReadTrials(spec.Name))
        {
            if (trial.Status != TrialStatus.Completed) continue;
            foreach (var name in trial.Metrics.Keys) if (!metricNames.Contains(name)) metricNames.Add(name);
            if (grouped)
            {
                if (!byPoint.TryGetValue(trial.Point, out var row)) byPoint[trial.Point] = row = new SummaryRow(trial.Point, varying.Select(v => trial.Parameters.TryGet(v, out var x) ? Shown(x) : "").ToList());
                row.Add(trial.Metrics);
            }
            else
            {
                var row = new SummaryRow(trial.Index, varying.Select(v => trial.Parameters.TryGet(v, out var x) ? Shown(x) : "").ToList());
                row.Add(trial.Metrics);
                rows.Add(row);
                if (rows.Count > 4 * MaxRows) rows = Best(rows, objective).Take(MaxRows).ToList();
            }
        }
        if (grouped) rows = byPoint.Values.ToList();
        // Best first when the sweep has an objective; in the order of the space otherwise.
        var shown = Best(rows, objective).Take(MaxRows).ToList();

        var metrics = (objective is null ? metricNames : metricNames.Where(m => m != objective.Metric).Prepend(objective.Metric)).Take(MaxMetricColumns).ToList();
        var title = $"[bold]{Markup.Escape(spec.Name)}[/] ({Markup.Escape(spec.Job)}): {counts.Completed:N0} completed, " +
                    (counts.Failed > 0 ? $"[red]{counts.Failed:N0} failed[/], " : "0 failed, ") + (counts.Pruned > 0 ? $"{counts.Pruned:N0} pruned, " : "") + $"{counts.Pending + counts.Running:N0} left of {sweep.TotalTrials:N0}";
        var left = new[] { shown.Select(r => r.Id.ToString()).Append(grouped ? "point" : "trial") }
            .Concat(varying.Select((name, i) => shown.Select(r => r.Parameters[i]).Append(name)))
            .Concat(grouped && spec.Replicates > 1 ? [shown.Select(r => r.Count.ToString()).Append("n")] : [])
            .Sum(Width);
        var fitting = FitToWidth(metrics, m => shown.Select(r => r.Mean(m) is { } v ? Numbers.Significant(v) : ""), console.Profile.Width - left);
        var hidden = metrics.Except(fitting).ToList();
        // headers at full length where the terminal has room for them
        var narrow = left + fitting.Sum(m => Width(shown.Select(r => r.Mean(m) is { } v ? Numbers.Significant(v) : "").Append(m + " (max)"))) > console.Profile.Width;
        metrics = fitting;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(grouped ? "point" : "trial");
        foreach (var (name, i) in varying.Select((name, i) => (name, i))) table.AddColumn(Column(name, shown.Select(r => r.Parameters[i]), narrow));
        if (grouped && spec.Replicates > 1) table.AddColumn(Column("n", shown.Select(r => r.Count.ToString()), narrow));
        foreach (var name in metrics)
            table.AddColumn(Column(objective?.Metric == name ? $"{name} ({(objective.Goal == ObjectiveGoal.Maximize ? "max" : "min")})" : name,
                shown.Select(r => r.Mean(name) is { } v ? Numbers.Significant(v) : ""), narrow));
        foreach (var row in shown)
        {
            var cells = new List<string> { row.Id.ToString() };
            cells.AddRange(row.Parameters.Select(Markup.Escape));
            if (grouped && spec.Replicates > 1) cells.Add(row.Count.ToString());
            cells.AddRange(metrics.Select(m => row.Mean(m) is { } v ? Numbers.Significant(v) : ""));
            table.AddRow(cells.ToArray());
        }
        console.WriteLine();
        console.MarkupLine(title);
        console.Write(table);
        if (constants.Count > 0) console.MarkupLine($"  [grey]constants: {Markup.Escape(string.Join(", ", constants))}[/]");
        if (grouped && spec.Replicates > 1) console.MarkupLine("  [grey]metrics are means over the completed replicates of each point[/]");
        if (hidden.Count > 0) console.MarkupLine($"  [grey]not shown for want of width: {Markup.Escape(string.Join(", ", hidden))}; see: sweeps query {Markup.Escape(spec.Name)}[/]");
        if (rows.Count > shown.Count) console.MarkupLine($"  [grey]{rows.Count - shown.Count:N0} more; see: sweeps query {Markup.Escape(spec.Name)}[/]");
    }

    /// <summary>As many metrics, in order, as fit beside the other columns without numbers wrapping (the objective always).</summary>
    private static List<string> FitToWidth(List<string> metrics, Func<string, IEnumerable<string>> cells, int room)
    {
        var fitting = new List<string>();
        foreach (var metric in metrics)
        {
            var width = Math.Min(metric.Length + 6, Width(cells(metric).Append("12345678"))); // as Column sizes it
            if (fitting.Count > 0 && width > room) break;
            fitting.Add(metric);
            room -= width;
        }
        return fitting;
    }

    /// <summary>A column's width: its widest cell and the padding around it.</summary>
    private static int Width(IEnumerable<string> cells) => cells.Max(c => c.Length) + 3;

    /// <summary>
    /// On a narrow terminal, a column as wide as its widest value (at least 8, at most its header): values never wrap,
    /// and a long header wraps instead of being cut to an ellipsis, where two could read alike.
    /// </summary>
    private static TableColumn Column(string name, IEnumerable<string> values, bool narrow)
    {
        var column = new TableColumn(new Text(name) { Overflow = Overflow.Fold }).RightAligned();
        return narrow ? column.Width(Math.Min(name.Length, Math.Max(8, values.Append("").Max(v => v.Length)))) : column;
    }

    private static string Shown(Core.Parameters.ParameterValue value) =>
        value.Kind == Core.Parameters.ParameterKind.Real ? Numbers.Significant(value.Number) : value.ToString();

    private static IEnumerable<SummaryRow> Best(List<SummaryRow> rows, Objective? objective)
    {
        if (objective is null) return rows.OrderBy(r => r.Id);
        double Key(SummaryRow r) => r.Mean(objective.Metric) is { } v && !double.IsNaN(v) ? v : double.NaN;
        var ranked = rows.Where(r => !double.IsNaN(Key(r)));
        var ordered = objective.Goal == ObjectiveGoal.Maximize ? ranked.OrderByDescending(Key) : ranked.OrderBy(Key);
        return ordered.ThenBy(r => r.Id).Concat(rows.Where(r => double.IsNaN(Key(r))));
    }

    private sealed class SummaryRow(long id, List<string> parameters)
    {
        private readonly Dictionary<string, (double Sum, int Count)> _sums = new();

        public long Id { get; } = id;
        public List<string> Parameters { get; } = parameters;
        public int Count { get; private set; }

        public void Add(IReadOnlyDictionary<string, double> metrics)
        {
            Count++;
            foreach (var (name, value) in metrics)
            {
                var (sum, count) = _sums.GetValueOrDefault(name);
                _sums[name] = (sum + value, count + 1);
            }
        }

        public double? Mean(string metric) => _sums.TryGetValue(metric, out var s) && s.Count > 0 ? s.Sum / s.Count : null;
    }
}
