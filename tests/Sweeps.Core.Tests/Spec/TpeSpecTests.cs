using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary><c>tpe: {multivariate: true}</c>: read, written back, left out of old fingerprints, and each mistake's one error.</summary>
public class TpeSpecTests
{
    private static string Yaml(string tpe, string sampler = "tpe") => Some.Yaml(
        "name: search",
        "job: fake.model",
        $"sampler: {sampler}",
        "trials: 50",
        "seed: 7",
        "parameters:",
        "  dimension: 3",
        "  learning_rate: {min: 1.0e-5, max: 1.0e-1, scale: log}",
        "  hidden: {min: 16, max: 256, type: int}",
        "  optimizer: [adam, sgd]",
        "objective: {metric: loss, goal: minimize}") + tpe;

    private static SpecError Refused(string tpe, string sampler = "tpe") =>
        Assert.Single(Assert.Throws<SpecException>(() => Some.Spec(Yaml(tpe, sampler))).Errors);

    [Fact]
    public void Multivariate_is_read_and_left_off_it_is_univariate()
    {
        Assert.True(Some.Spec(Yaml("tpe: {multivariate: true}\n")).Tpe.Multivariate);
        Assert.Equal(TpeOptions.Default, Some.Spec(Yaml("tpe: {multivariate: false}\n")).Tpe);
        Assert.Equal(TpeOptions.Default, Some.Spec(Yaml("tpe: {}\n")).Tpe);
        Assert.Equal(TpeOptions.Default, Some.Spec(Yaml("")).Tpe);
        Assert.True(Some.Spec(Yaml("tpe:\n  multivariate: True\n")).Tpe.Multivariate);
    }

    [Fact]
    public void The_canonical_text_reads_back_to_the_same_options_and_fingerprint()
    {
        var spec = Some.Spec(Yaml("tpe: {multivariate: true}\n"));
        var canonical = SpecText.ToCanonicalYaml(spec);
        Assert.Contains("\ntpe: {multivariate: true}\n", canonical);
        var trusted = SpecLoader.ParseTrusted(canonical, "journal");
        Assert.Equal(spec.Tpe, trusted.Tpe);
        Assert.Empty(trusted.Settings);
        Assert.Equal(SpecText.Fingerprint(spec), SpecText.Fingerprint(trusted));
        Assert.Equal(spec.Tpe, SpecLoader.Parse(canonical, "again.yaml", TestJobs.Registry()).Single().Tpe);
        Assert.NotEqual(SpecText.Fingerprint(spec), SpecText.Fingerprint(Some.Spec(Yaml(""))));
    }

    /// <summary>The hash was the fingerprint of this spec before tpe: existed: sweeps already stored keep their identity.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("tpe: {multivariate: false}\n")]
    [InlineData("tpe: {}\n")]
    public void Specs_without_multivariate_keep_their_canonical_text_and_fingerprint(string tpe)
    {
        var spec = Some.Spec(Yaml(tpe));
        Assert.DoesNotContain("tpe:", SpecText.ToCanonicalYaml(spec));
        Assert.Equal("d7eda90ca17d84adc699a473824f57e0c77d2fe742035e4d5c205a2a5a5ab6d3", SpecText.Fingerprint(spec));
    }

    [Theory]
    [InlineData("tpe: {multivariate: true}\n", "random", "tpe", "is only used by sampler tpe, not random")]
    [InlineData("tpe: {multivariate: true}\n", "sobol", "tpe", "is only used by sampler tpe, not sobol")]
    [InlineData("tpe: {multivarate: true}\n", "tpe", "tpe.multivarate", "unknown key 'multivarate'")]
    [InlineData("tpe: {multivariate: yes}\n", "tpe", "tpe.multivariate", "must be true or false, got 'yes'")]
    [InlineData("tpe: {multivariate: \"true\"}\n", "tpe", "tpe.multivariate", "must be true or false, got 'true'")]
    [InlineData("tpe: {multivariate: [true]}\n", "tpe", "tpe.multivariate", "must be true or false, got a list")]
    [InlineData("tpe: multivariate\n", "tpe", "tpe", "must be a mapping, got 'multivariate'")]
    [InlineData("tpe: [multivariate]\n", "tpe", "tpe", "must be a mapping, got a list")]
    public void Mistakes_are_refused_with_the_field_and_a_hint(string tpe, string sampler, string field, string problem)
    {
        var error = Refused(tpe, sampler);
        Assert.Equal(field, error.Field);
        Assert.Equal(problem, error.Problem);
        Assert.NotNull(error.Hint);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void An_unknown_key_suggests_the_known_one()
    {
        var error = Refused("tpe: {multivarate: true}\n");
        Assert.Contains("multivariate", error.Hint);
    }

    [Fact]
    public void The_schema_describes_tpe_as_a_mapping_with_multivariate_only()
    {
        var tpe = SpecSchema.Build(TestJobs.Registry())["$defs"]!["sweep"]!["properties"]!["tpe"]!;
        Assert.Equal("object", (string?)tpe["type"]);
        Assert.Equal("boolean", (string?)tpe["properties"]!["multivariate"]!["type"]);
        Assert.False((bool)tpe["additionalProperties"]!);
    }
}
