using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.Cli.Tests;

/// <summary>What every built-in job declares is coherent: its defaults lie within its own bounds and choices, and only numbers have bounds, only text has choices.</summary>
public class JobDeclarationTests
{
    public static TheoryData<string, string> Parameters()
    {
        var data = new TheoryData<string, string>();
        foreach (var job in BuiltInJobs.Create().Definitions)
            foreach (var parameter in job.Parameters)
                data.Add(job.Kind, parameter.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void A_default_is_a_value_the_parameter_takes(string kind, string name)
    {
        var parameter = BuiltInJobs.Create().Get(kind).FindParameter(name)!;

        Assert.True(parameter.Bounds is null || parameter.Kind is ParameterKind.Integer or ParameterKind.Real, "only numbers have bounds");
        Assert.True(parameter.Choices is null || parameter.Kind == ParameterKind.Text, "only text has choices");
        Assert.False(string.IsNullOrWhiteSpace(parameter.Description));
        if (parameter.Default is not { } fallback) return;
        if (parameter.Bounds is { } bounds)
            Assert.True(bounds.Admits(double.Parse(fallback, System.Globalization.CultureInfo.InvariantCulture)), $"{kind}.{name}: default {fallback} is not {bounds.Describe()}");
        if (parameter.Choices is { } choices) Assert.Contains(fallback, choices);
    }
}
