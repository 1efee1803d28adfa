using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>Why a sweep of the same name is refused: one readable line per changed field.</summary>
public class SpecDiffTests
{
    private const string Stored = "name: s|job: fake.model|sampler: random|trials: 10|seed: 42|parameters:|  dimension: [2, 3, 10]|  epsilon: 0.1";

    [Theory]
    [InlineData(Stored, "")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 10|seed: 43|parameters:|  dimension: [2, 3, 10]|  epsilon: 0.1",
        "seed: stored 42, now 43")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 10|seed: 42|parameters:|  dimension: [2, 3, 10, 100]|  epsilon: 0.1",
        "parameters.dimension: stored [2, 3, 10], now [2, 3, 10, 100]")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 20|seed: 42|replicates: 2|parameters:|  dimension: [2, 3, 10]|  epsilon: 0.1",
        "trials: stored 10, now 20|replicates: stored 1, now 2")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 10|seed: 42|parameters:|  dimension: [2, 3, 10]",
        "parameters.epsilon: stored 0.1, now (none)")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 10|seed: 42|parameters:|  dimension: [2, 3, 10]|  epsilon: 0.1|  hidden: {min: 1, max: 8, type: int}",
        "parameters.hidden: stored (none), now {min: 1, max: 8, scale: linear, type: int}")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 10|seed: 42|parameters:|  epsilon: 0.1|  dimension: [2, 3, 10]",
        "parameters: stored order [dimension, epsilon], now [epsilon, dimension]")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 10|seed: 42|parameters:|  dimension: [2, 3, 10]|  epsilon: 0.1|objective: {metric: loss, goal: minimize}",
        "objective: stored (none), now {metric: loss, goal: minimize}")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: [2, 3, 10]|  epsilon: 0.1",
        "sampler: stored random, now grid|trials: stored 10, now (none)|seed: stored 42, now 0")]
    public void The_diff_has_a_line_per_changed_field(string proposed, string expected)
    {
        var lines = SpecDiff.Between(Some.Spec(Stored.Replace('|', '\n')), Some.Spec(proposed.Replace('|', '\n')));

        Assert.Equal(expected == "" ? [] : expected.Split('|'), lines);
    }

    [Fact]
    public void Where_a_spec_was_read_from_is_not_a_difference()
    {
        var spec = Some.Spec(Stored.Replace('|', '\n'));

        Assert.Empty(SpecDiff.Between(spec, spec with { Source = new SpecSource("elsewhere.yaml", 30) }));
    }
}
