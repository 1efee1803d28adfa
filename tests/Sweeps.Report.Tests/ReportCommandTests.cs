using System.Globalization;
using Sweeps.Cli.Tests.Support;
using Sweeps.Report.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Report.Tests;

/// <summary>
/// End to end: real sweeps run on SQLite in a folder of the test's own, then sweeps report, and the page's numbers
/// checked against what sweeps query prints for the same store.
/// </summary>
public sealed class ReportCommandTests
{
    private const string Spec = """
        sweeps:
          - name: shell-fraction
            job: geometry.shell-fraction
            sampler: grid
            seed: 42
            replicates: 3
            parameters:
              dimension: [2, 10, 100, 400]
              epsilon: 0.01
              samples: 20000
            objective: {metric: fraction, goal: maximize}
          - name: branin
            job: bench.function
            sampler: random
            trials: 60
            seed: 7
            parameters:
              function: branin
              x1: {min: -5, max: 10}
              x2: {min: 0, max: 15}
            objective: {metric: value, goal: minimize}
        """;

    [Fact]
    public void A_real_sweeps_report_shows_the_numbers_sweeps_query_prints()
    {
        var folder = TestStores.NewFolder();
        File.WriteAllText(Path.Combine(folder, "spec.yaml"), Spec);
        var run = SweepsProcess.Run(folder, "run", "spec.yaml", "--db", "runs.db");
        Assert.True(run.ExitCode == 0, run.Errors);

        var report = SweepsProcess.Run(folder, "report", "shell-fraction", "--db", "runs.db", "--out", "shell.html");
        Assert.True(report.ExitCode == 0, report.Errors);
        var shell = Page.Parse(File.ReadAllText(Path.Combine(folder, "shell.html")));
        var rows = Csv(SweepsProcess.Run(folder, "query", "shell-fraction", "--db", "runs.db", "--format", "csv").Output);
        var geometry = shell.Figure("geometry", "fraction");
        Assert.Equal(4, Page.Markers(geometry));
        var table = geometry.QuerySelectorAll("table.geometry tbody tr").ToList();
        Assert.Equal(["2", "10", "100", "400"], table.Select(r => r.QuerySelector("td")!.TextContent));
        foreach (var row in table)
        {
            var cells = row.QuerySelectorAll("td").ToList();
            var dimension = cells[0].TextContent;
            var ofDimension = rows.Where(r => r["dimension"] == dimension).ToList();
            Assert.Equal(3, ofDimension.Count);
            Assert.Equal(ofDimension.Average(r => Number(r["fraction"])), Value(cells[2]), 12);
            Assert.Equal(Number(ofDimension[0]["exact"]), Value(cells[4]));
        }
        Assert.Equal("12", shell.Document.QuerySelector("td[data-count='completed']")!.TextContent);

        report = SweepsProcess.Run(folder, "report", "branin", "--db", "runs.db", "--out", "branin.html");
        Assert.True(report.ExitCode == 0, report.Errors);
        var branin = Page.Parse(File.ReadAllText(Path.Combine(folder, "branin.html")));
        var best = Csv(SweepsProcess.Run(folder, "query", "branin", "--db", "runs.db", "--sort", "value", "--limit", "10", "--format", "csv").Output);
        var shown = branin.Document.QuerySelectorAll("table.best tbody tr").ToList();
        Assert.Equal(best.Select(r => r["trial"]), shown.Select(r => r.GetAttribute("data-trial")));
        Assert.Equal(best.Select(r => Number(r["value"])), shown.Select(r => Value(r.QuerySelectorAll("td")[2])));
        Assert.Equal(best.Select(r => Number(r["x1"])), shown.Select(r => Value(r.QuerySelectorAll("td")[3])));
        Assert.Equal(best.Select(r => Number(r["x2"])), shown.Select(r => Value(r.QuerySelectorAll("td")[4])));
        Assert.All(branin.Figures("scatter"), f => Assert.Equal(60, Page.Markers(f)));
        Assert.Equal(2, branin.Figures("marginal").Count);
    }

    [Fact]
    public void An_unknown_sweep_or_a_missing_folder_is_refused_with_exit_code_2()
    {
        var folder = TestStores.NewFolder();
        var store = Store.ResultStore.Open(TestStores.Create(TestStores.Sqlite, folder));
        SyntheticSweep.Write(store, "synthetic", 10);

        var unknown = SweepsProcess.Run(folder, "report", "nope", "--db", "sweeps.db");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no sweep named 'nope'", unknown.Errors);

        var nowhere = SweepsProcess.Run(folder, "report", "synthetic", "--db", "sweeps.db", "--out", "missing/report.html");
        Assert.Equal(2, nowhere.ExitCode);
        Assert.Contains("does not exist", nowhere.Errors);
        Assert.False(File.Exists(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public void A_store_that_is_not_there_exits_3_and_writes_nothing()
    {
        var folder = TestStores.NewFolder();
        var missing = SweepsProcess.Run(folder, "report", "shell-fraction", "--db", "typo.db");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("there is no store at", missing.Errors);
        Assert.Empty(Directory.GetFiles(folder));
    }

    private static double Value(AngleSharp.Dom.IElement cell) => Number(cell.GetAttribute("data-value")!);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>sweeps query's CSV (no quoted commas in these sweeps) as rows by column name.</summary>
    private static List<Dictionary<string, string>> Csv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.Item1, p => p.Item2)).ToList();
    }
}
