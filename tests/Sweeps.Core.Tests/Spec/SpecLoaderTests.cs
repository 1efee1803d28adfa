using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>Good specs load into the records others code against, with lines and defaults as written.</summary>
public class SpecLoaderTests
{
    private static readonly string Example = Some.Yaml(
        "name: shell-fraction              # unique within a store",
        "job: fake.model",
        "sampler: random",
        "trials: 200",
        "seed: 42",
        "replicates: 3",
        "parameters:",
        "  dimension: [2, 3, 10, 100, 400]",
        "  epsilon: 0.01",
        "  learning_rate: {min: 1.0e-6, max: 1.0e-2, scale: log}",
        "  hidden: {min: 20, max: 200, type: int}",
        "objective: {metric: fraction, goal: maximize}");

    [Fact]
    public void The_documented_example_loads_field_by_field()
    {
        var spec = Some.Spec(Example);

        Assert.Equal(("shell-fraction", "fake.model", SamplerKind.Random, 200L, 42UL, 3),
            (spec.Name, spec.Job, spec.Sampler, spec.Trials, spec.Seed, spec.Replicates));
        Assert.Equal(new Objective("fraction", ObjectiveGoal.Maximize), spec.Objective);
        Assert.Equal(new SpecSource(Some.File, 1), spec.Source);
        Assert.Equal(["dimension", "epsilon", "learning_rate", "hidden"], spec.Parameters.Select(p => p.Name));

        var dimension = Assert.IsType<ChoiceParameter>(spec.Parameters[0]);
        Assert.Equal(8, dimension.Line);
        Assert.Equal([2L, 3, 10, 100, 400], dimension.Values.Select(v => (long)v.Number));
        Assert.Equal(new ConstantParameter("epsilon", 9, ParameterValue.Of(0.01)), spec.Parameters[1]);
        Assert.Equal(new RangeParameter("learning_rate", 10, 1e-6, 1e-2, RangeScale.Log, false, null), spec.Parameters[2]);
        Assert.Equal(new RangeParameter("hidden", 11, 20, 200, RangeScale.Linear, true, null), spec.Parameters[3]);
        Assert.Equal(600, spec.TrialCount);
    }

    [Fact]
    public void Defaults_apply_when_left_out_and_job_defaults_are_not_injected()
    {
        var spec = Some.Spec(Some.Yaml("name: s", "job: fake.model", "parameters:", "  dimension: 3"));

        Assert.Equal((SamplerKind.Grid, (long?)null, 0UL, 1, (Objective?)null), (spec.Sampler, spec.Trials, spec.Seed, spec.Replicates, spec.Objective));
        Assert.Equal(["dimension"], spec.Parameters.Select(p => p.Name));
        Assert.Equal(1, spec.PointCount);
    }

    [Theory]
    [InlineData("3", ParameterKind.Integer, "3")]
    [InlineData("-7", ParameterKind.Integer, "-7")]
    [InlineData("2.5", ParameterKind.Real, "2.5")]
    [InlineData("1.0e-3", ParameterKind.Real, "0.001")]
    [InlineData("true", ParameterKind.Boolean, "true")]
    [InlineData("False", ParameterKind.Boolean, "false")]
    [InlineData("adam", ParameterKind.Text, "adam")]
    [InlineData("\"3\"", ParameterKind.Text, "3")]
    [InlineData("'true'", ParameterKind.Text, "true")]
    [InlineData(".inf", ParameterKind.Text, ".inf")]
    public void Scalars_become_integers_reals_booleans_or_text(string written, ParameterKind kind, string text)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader($"value: {written}\n"));
        var scalar = (YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode)["value"];

        var value = SpecScalar.ToValue(scalar);

        Assert.Equal((kind, text), (value.Kind, value.ToString()));
    }

    [Fact]
    public void An_int_range_is_fine_for_a_real_parameter()
    {
        var spec = Some.Spec(Some.Yaml("name: s", "job: fake.model", "sampler: sobol", "trials: 4", "parameters:", "  dimension: 2", "  epsilon: {min: 1, max: 5, type: int}"));

        Assert.True(Assert.IsType<RangeParameter>(spec.Parameters[1]).IsInteger);
    }

    [Fact]
    public void A_list_under_sweeps_loads_every_sweep_in_order_with_its_own_line()
    {
        var specs = SpecLoader.Parse(Some.Yaml(
            "sweeps:",
            "  - name: first",
            "    job: noop",
            "  - name: second",
            "    job: fake.model",
            "    parameters: {dimension: [1, 2]}"), Some.File, TestJobs.Registry());

        Assert.Equal([("first", 2), ("second", 4)], specs.Select(s => (s.Name, s.Source.Line)));
        Assert.Equal(2, specs[1].PointCount);
    }
}
