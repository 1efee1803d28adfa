using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>
/// <see cref="SpecLoader.ParseTrusted"/> rebuilds a stored spec from its canonical text without checking it again,
/// and gives the same spec as <see cref="SpecLoader.Parse"/> would.
/// </summary>
public class SpecTrustedTests
{
    public static TheoryData<string> Specs => SpecTextTests.Specs;

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_trusted_read_of_canonical_text_is_the_spec_Parse_reads(string yaml)
    {
        var canonical = SpecText.ToCanonicalYaml(Some.Spec(yaml));
        var checkedSpec = SpecLoader.Parse(canonical, "sweep 's' in the journal", TestJobs.Registry()).Single();

        var trusted = SpecLoader.ParseTrusted(canonical, "sweep 's' in the journal");

        Assert.Equal(canonical, SpecText.ToCanonicalYaml(trusted));
        Assert.Equal(checkedSpec with { Parameters = [], Requires = trusted.Requires }, trusted with { Parameters = [] });
        Assert.Equal(checkedSpec.Requires, trusted.Requires);
        Assert.Equal(checkedSpec.Parameters.Select(p => (p.GetType(), p.Name, p.Line)), trusted.Parameters.Select(p => (p.GetType(), p.Name, p.Line)));
        for (var p = 0; p < checkedSpec.Parameters.Count; p++)
        {
            if (checkedSpec.Parameters[p] is ChoiceParameter choice)
                Assert.Equal(choice.Values, ((ChoiceParameter)trusted.Parameters[p]).Values);
            else
                Assert.Equal(checkedSpec.Parameters[p], trusted.Parameters[p]);
        }
    }

    [Fact]
    public void A_trusted_spec_is_not_checked_again()
    {
        // A job kind no longer registered and a repeated value: Parse refuses both; the stored word is taken as written.
        var canonical = Some.Yaml("name: s", "job: plugin.gone", "sampler: grid", "seed: 0", "replicates: 1", "parameters:", "  a: [1, 1]");

        var spec = SpecLoader.ParseTrusted(canonical, "sweep 's' in the journal");

        Assert.Equal(("s", "plugin.gone"), (spec.Name, spec.Job));
        Assert.Equal(2, Assert.IsType<ChoiceParameter>(Assert.Single(spec.Parameters)).Values.Count);
    }

    [Theory]
    [InlineData("name: s\n", "(The given key 'job' was not present")]
    [InlineData("name: s\njob: noop\nsampler: grid\nseed: -1\nreplicates: 1\nparameters: {}\n", "(Value was either too large or too small")]
    [InlineData("name: [s\n", "(it is not valid YAML")]
    [InlineData("name: [s", "(it is not valid YAML")]
    [InlineData("- name: s\n", "(it does not hold exactly one sweep)")]
    public void Damaged_stored_text_names_where_it_came_from(string text, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => SpecLoader.ParseTrusted(text, "sweep 's' in the journal"));

        Assert.StartsWith("sweep 's' in the journal: the stored spec cannot be read back ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.EndsWith("it was changed after Sweeps wrote it", error.Message);
    }
}
