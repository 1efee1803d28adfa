using Sweeps.Core.Lifecycle;
using Sweeps.Store;
using Sweeps.Store.Query;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests.Query;

public sealed class GroupComparisonTests
{
    [Fact]
    public void Welch_p_matches_the_textbook_value()
    {
        // equal variances and sizes: t = -1 with 8 degrees of freedom, two-sided p = 0.3466
        Assert.Equal(0.3466, GroupComparison.WelchP([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]), 4);
        Assert.True(GroupComparison.WelchP([1, 1.1, 0.9, 1.05, 0.95], [5, 5.1, 4.9, 5.05, 4.95]) < 1e-6);
    }

    [Fact]
    public void Groups_are_summarised_and_tested_against_the_baseline_in_the_goal_s_direction()
    {
        // Some.Trial: dimension = index + 2; groups by epsilon would be one group, so group by optimizer after renaming
        var rows = new List<TrialRow>();
        for (var i = 0; i < 10; i++)
        {
            rows.Add(Some.Trial("s", i, value: 1 + 0.01 * i) with { Parameters = Params("vanilla") });
            rows.Add(Some.Trial("s", 100 + i, value: 2 + 0.01 * i) with { Parameters = Params("nfg") });
            rows.Add(Some.Trial("s", 200 + i, value: 1 + 0.01 * (9 - i)) with { Parameters = Params("np") });
        }
        rows.Add(Some.Trial("s", 300, TrialStatus.Failed) with { Parameters = Params("nfg") });
        rows.Add(Some.Trial("s", 301) with { Parameters = Params("nfg"), Metrics = new Dictionary<string, double> { ["value"] = double.NaN } });

        var groups = GroupComparison.Compare(rows, "variant", "value", "vanilla", lowerIsBetter: true).ToDictionary(g => g.Group);

        Assert.Equal(["nfg", "np", "vanilla"], groups.Keys);
        Assert.Equal((10, 1, "worse"), (groups["nfg"].Count, groups["nfg"].Missing, groups["nfg"].Verdict));
        Assert.Equal("no significant difference", groups["np"].Verdict);
        Assert.Equal(1.0, groups["np"].P!.Value, 6);
        Assert.Null(groups["vanilla"].P);
        Assert.Equal((1.045, 1.0), (Math.Round(groups["vanilla"].Mean, 6), groups["vanilla"].Best));
        Assert.Equal("better", GroupComparison.Compare(rows, "variant", "value", "vanilla", lowerIsBetter: false).Single(g => g.Group == "nfg").Verdict);
    }

    private static Core.Parameters.TrialParameters Params(string variant) =>
        new([new("variant", Core.Parameters.ParameterValue.Of(variant))]);
}
