using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>The canonical YAML reads back to the same spec, and its fingerprint changes only when the spec does.</summary>
public class SpecTextTests
{
    public static TheoryData<string> Specs =>
    [
        Some.Yaml(
            "name: shell-fraction",
            "job: fake.model",
            "sampler: random",
            "trials: 200",
            "seed: 18446744073709551615",
            "replicates: 3",
            "parameters:",
            "  dimension: [2, 3, 10, 100, 400]",
            "  epsilon: 0.1",
            "  learning_rate: {min: 1.0e-6, max: 1.0e-2, scale: log}",
            "  hidden: {min: 20, max: 200, type: int}",
            "  optimizer: [adam, \"sgd with momentum\", 'true', \"3\", \"null\", 'say \"hi\"\\n']",
            "objective: {metric: fraction, goal: maximize}"),
        Some.Yaml(
            "name: grid.v2",
            "job: fake.model",
            "parameters:",
            "  epsilon: {min: 0, max: 1, steps: 11}",
            "  dimension: 7",
            "  learning_rate: [0.1, 2.0, 3, 1e300, -0.30000000000000004]"),
        Some.Yaml("name: bare", "job: noop"),
        Some.Yaml("name: placed", "job: noop", "requires: {zone: b, gpu: a100, cores: 8, fast: true, \"dot.ted\": \"x y\"}"),
        Some.Yaml("name: \"42\"", "job: noop", "sampler: sobol", "trials: 5", "parameters: {fail: [true, false], sleep_ms: {min: 1, max: 2, scale: log, type: int}}"),
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_canonical_yaml_reads_back_to_the_same_spec(string yaml)
    {
        var spec = Some.Spec(yaml);
        var canonical = SpecText.ToCanonicalYaml(spec);

        var again = Some.Spec(canonical);

        Assert.Empty(SpecDiff.Between(spec, again));
        Assert.Equal(canonical, SpecText.ToCanonicalYaml(again));
        Assert.Equal(SpecText.Fingerprint(spec), SpecText.Fingerprint(again));
        Assert.Equal(spec with { Parameters = [], Source = again.Source, Requires = again.Requires }, again with { Parameters = [] });
        Assert.Equal(spec.Requires, again.Requires);
        Assert.Equal(spec.Parameters.Select(SpecText.Render), again.Parameters.Select(SpecText.Render));
        for (var p = 0; p < spec.Parameters.Count; p++)
            if (spec.Parameters[p] is ChoiceParameter choice)
                Assert.Equal(choice.Values, ((ChoiceParameter)again.Parameters[p]).Values);
    }

    [Fact]
    public void The_canonical_yaml_is_stable_and_readable()
    {
        var spec = Some.Spec(Some.Yaml(
            "objective: {goal: minimize, metric: loss}   # keys in any order",
            "parameters:",
            "  dimension: [2, 3]",
            "  learning_rate: {scale: log, max: 1.0e-2, min: 1.0e-6}",
            "  epsilon: 1.0",
            "seed: 7",
            "job: fake.model",
            "sampler: random",
            "trials: 10",
            "name: s"));

        Assert.Equal(Some.Yaml(
            "name: s",
            "job: fake.model",
            "sampler: random",
            "trials: 10",
            "seed: 7",
            "replicates: 1",
            "parameters:",
            "  dimension: [2, 3]",
            "  learning_rate: {min: 1E-06, max: 0.01, scale: log, type: float}",
            "  epsilon: 1.0",
            "objective: {metric: loss, goal: minimize}"), SpecText.ToCanonicalYaml(spec));
    }

    [Fact]
    public void The_fingerprint_is_lowercase_sha256_hex_and_ignores_layout_comments_and_source()
    {
        var compact = Some.Spec("{name: s, job: fake.model, parameters: {dimension: [2, 3]}}");
        var spread = Some.Spec(Some.Yaml("# a comment", "job: fake.model", "name: s", "seed: 0", "replicates: 1", "sampler: grid", "parameters:", "  dimension:", "    - 2", "    - 3"));

        Assert.Matches("^[0-9a-f]{64}$", SpecText.Fingerprint(compact));
        Assert.Equal(SpecText.Fingerprint(compact), SpecText.Fingerprint(spread));
        // Pinned: a fingerprint stored in a journal must mean the same spec in every later version.
        Assert.Equal("665f290add4b04a350285ab16d00b647cf7ec3905bd16911f54d49c713853324", SpecText.Fingerprint(compact));
    }

    [Theory]
    [InlineData("seed: 1")]
    [InlineData("replicates: 2")]
    [InlineData("parameters: {dimension: [3, 2]}")]
    [InlineData("parameters: {dimension: [2, 3], epsilon: 0.5}")]
    [InlineData("name: t")]
    public void Any_change_that_changes_the_trials_changes_the_fingerprint(string change)
    {
        var baseline = Some.Yaml("name: s", "job: fake.model", "seed: 0", "replicates: 1", "parameters: {dimension: [2, 3]}");
        var key = change[..change.IndexOf(':')];
        var changed = string.Join("\n", baseline.Split('\n').Select(l => l.StartsWith(key + ":") ? change : l));

        Assert.NotEqual(SpecText.Fingerprint(Some.Spec(baseline)), SpecText.Fingerprint(Some.Spec(changed)));
    }
}
