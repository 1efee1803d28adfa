using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Tests.Support;

/// <summary>Specs and spec pieces for tests, built from YAML the way a user writes them.</summary>
public static class Some
{
    public const string File = "sweeps.yaml";

    /// <summary>Lines joined with newlines, so a test's YAML reads as it would in a file.</summary>
    public static string Yaml(params string[] lines) => string.Join("\n", lines) + "\n";

    public static SweepSpec Spec(string yaml) => SpecLoader.Parse(yaml, File, TestJobs.Registry()).Single();

    public static IReadOnlyList<SpecError> Errors(string yaml)
    {
        var thrown = Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, File, TestJobs.Registry()));
        return thrown.Errors;
    }

    /// <summary>A spec for the sampler tests: fake.model or noop is not consulted, so any parameters go.</summary>
    public static SweepSpec Sweep(SamplerKind sampler, long? trials, ulong seed, params ParameterSpec[] parameters) =>
        new("test", "noop", sampler, trials, seed, 1, parameters, null, new SpecSource(File, 1));

    public static RangeParameter Range(string name, double min, double max, RangeScale scale = RangeScale.Linear, bool isInteger = false, int? steps = null) =>
        new(name, 1, min, max, scale, isInteger, steps);

    public static ChoiceParameter Choice(string name, params long[] values) =>
        new(name, 1, values.Select(ParameterValue.Of).ToList());

    public static ConstantParameter Constant(string name, double value) => new(name, 1, ParameterValue.Of(value));
}
