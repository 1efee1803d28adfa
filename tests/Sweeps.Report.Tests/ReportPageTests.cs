using Sweeps.Core.Lifecycle;
using Sweeps.Report.Tests.Support;
using Sweeps.Store;
using Sweeps.Store.Query;
using Sweeps.TestSupport;

namespace Sweeps.Report.Tests;

/// <summary>The page checked as HTML (AngleSharp), no browser: figures with their points, numbers equal to the store's.</summary>
public sealed class ReportPageTests
{
    private const int Trials = 100;

    [Fact]
    public void Each_numeric_parameter_has_a_scatter_with_a_marker_per_completed_trial()
    {
        var (store, _) = ReportStores.WithSweep("synthetic", Trials);
        var page = Page.Parse(SweepReport.Build(store, "synthetic"));
        var completed = store.ReadTrials("synthetic").Count(t => t.Status == TrialStatus.Completed);
        Assert.Equal(90, completed);
        foreach (var parameter in new[] { "lr", "width" })
        {
            var figure = page.Figure("scatter", parameter);
            Assert.Equal(completed, Page.Markers(figure));
            Assert.Equal(completed, Page.DeclaredPoints(figure));
        }
        Assert.Contains("lr (log scale)", page.Figure("scatter", "lr").QuerySelector("svg")!.TextContent);
        Assert.DoesNotContain("(log scale)", page.Figure("scatter", "width").QuerySelector("svg")!.TextContent);
    }

    [Fact]
    public void A_categorical_parameter_gets_boxes_and_the_Welch_table_compare_prints()
    {
        var (store, _) = ReportStores.WithSweep("synthetic", Trials);
        var page = Page.Parse(SweepReport.Build(store, "synthetic"));
        var figure = page.Figure("boxes", "variant");
        Assert.Equal(90, Page.Markers(figure));

        var expected = GroupComparison.Compare(store.ReadTrials("synthetic"), "variant", "loss", "vanilla", lowerIsBetter: true);
        var rows = figure.QuerySelectorAll("table.compare tbody tr").ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var (group, row) in expected.Zip(rows))
        {
            var cells = row.QuerySelectorAll("td").ToList();
            Assert.Equal(group.Group, cells[0].TextContent);
            Assert.Equal(group.Count.ToString(), cells[1].TextContent);
            Assert.Equal(group.Mean, double.Parse(cells[3].GetAttribute("data-value")!));
            if (group.P is { } p) Assert.Equal(p, double.Parse(cells[7].GetAttribute("data-value")!));
            Assert.Equal(group.Verdict, cells[8].TextContent);
        }
        Assert.Contains(expected, g => g.Verdict == "worse"); // no-forget adds 1 to the loss
    }

    [Theory]
    [MemberData(nameof(TestStores.Kinds), MemberType = typeof(TestStores))]
    public void The_best_ten_and_the_counts_are_the_stores(string kind)
    {
        var (store, _) = ReportStores.WithSweep("synthetic", Trials, kind: kind);
        var page = Page.Parse(SweepReport.Build(store, "synthetic"));
        var expected = store.ReadTrials("synthetic").Where(t => t.Status == TrialStatus.Completed)
            .OrderBy(t => t.Metrics["loss"]).ThenBy(t => t.Index).Take(10).ToList();
        var rows = page.Document.QuerySelectorAll("table.best tbody tr").ToList();
        Assert.Equal(10, rows.Count);
        foreach (var (trial, row) in expected.Zip(rows))
        {
            Assert.Equal(trial.Index.ToString(), row.GetAttribute("data-trial"));
            Assert.Equal(trial.Metrics["loss"], double.Parse(row.QuerySelectorAll("td")[2].GetAttribute("data-value")!));
        }
        var summary = store.Summarize(store.FindSweep("synthetic")!);
        Assert.Equal(summary.Completed.ToString(), page.Document.QuerySelector("td[data-count='completed']")!.TextContent);
        Assert.Equal(summary.Failed.ToString(), page.Document.QuerySelector("td[data-count='failed']")!.TextContent);
    }

    [Fact]
    public void Learning_curves_draw_each_trial_with_a_series_and_fade_the_pruned()
    {
        var (store, _) = ReportStores.WithSweep("synthetic", Trials);
        var page = Page.Parse(SweepReport.Build(store, "synthetic"));
        var figure = page.Figures("curves").Single();
        Assert.Equal("90", figure.GetAttribute("data-curves"));
        var pruned = store.ReadTrials("synthetic").Count(t => t.Details?.ContainsKey("pruned") == true);
        Assert.Contains($"{pruned} pruned faded", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Contains("the best (trial", figure.QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public void Importance_ranks_the_learning_rate_first_and_draws_the_top_marginals()
    {
        var (store, _) = ReportStores.WithSweep("synthetic", 400);
        var page = Page.Parse(SweepReport.Build(store, "synthetic"));
        var rows = page.Document.QuerySelectorAll("table.importance tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("lr", rows[0].QuerySelector("td")!.TextContent);
        Assert.Equal(3, page.Document.QuerySelectorAll("table.pairs tbody tr").Length);
        Assert.Equal(["lr", "variant", "width"], page.Figures("marginal").Select(f => f.GetAttribute("data-subject")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_page_fetches_nothing_and_runs_no_script()
    {
        var (store, _) = ReportStores.WithSweep("synthetic", Trials);
        var page = Page.Parse(SweepReport.Build(store, "synthetic"));
        Assert.Empty(page.Document.QuerySelectorAll("script, link, img, iframe, object"));
        Assert.Contains("default-src 'none'", page.Document.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content"));
        Assert.DoesNotContain("http://", page.Document.Body!.InnerHtml.Replace("http://www.w3.org/", ""));
    }

    [Fact]
    public void An_unknown_sweep_is_refused_with_the_names_the_store_has()
    {
        var (store, _) = ReportStores.WithSweep("synthetic", 10);
        var error = Assert.Throws<ReportException>(() => SweepReport.Build(store, "nope"));
        Assert.Contains("no sweep named 'nope'", error.Message);
        Assert.Contains("synthetic", error.Message);
    }

    [Fact]
    public void A_sweep_without_finished_trials_gets_a_page_that_says_so()
    {
        var folder = TestStores.NewFolder();
        var store = ResultStore.Open(TestStores.Create(TestStores.Sqlite, folder));
        SyntheticSweep.Write(store, "empty", 0);
        var page = Page.Parse(SweepReport.Build(store, "empty"));
        Assert.Equal("0", page.Document.QuerySelector("td[data-count='completed']")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("table.best tbody tr"));
        Assert.Contains("nothing to", page.Document.QuerySelector("#importance")!.TextContent);
        Assert.Empty(page.Figures("curves"));
    }

    [Fact]
    public void A_damaged_spec_in_the_store_is_refused_in_words()
    {
        var folder = TestStores.NewFolder();
        var store = ResultStore.Open(TestStores.Create(TestStores.Sqlite, folder));
        var batch = new StoreBatch { SequenceNr = 1 };
        batch.Sweeps.Add(Some.Sweep("damaged") with { Spec = "name: [unclosed" });
        store.Apply(batch, "trials");
        var error = Assert.Throws<ReportException>(() => SweepReport.Build(store, "damaged"));
        Assert.Contains("spec of sweep 'damaged' cannot be read", error.Message);
    }

    [Fact]
    public void A_diverging_curve_does_not_squash_the_others_and_the_page_says_the_axis_is_cut()
    {
        var folder = TestStores.NewFolder();
        var store = ResultStore.Open(TestStores.Create(TestStores.Sqlite, folder));
        SyntheticSweep.Write(store, "diverging", 100, diverging: 0);
        var curves = Page.Parse(SweepReport.Build(store, "diverging")).Figures("curves").Single();
        Assert.Contains("the y axis stops at", curves.QuerySelector(".note")!.TextContent);

        SyntheticSweep.Write(store, "calm", 100);
        var calm = Page.Parse(SweepReport.Build(store, "calm")).Figures("curves").Single();
        Assert.Null(calm.QuerySelector(".note"));
    }
}
