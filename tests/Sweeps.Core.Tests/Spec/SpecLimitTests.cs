using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>Text past <see cref="SpecLimits"/> is refused before it is parsed, with the error a person sees: where, which limit, what to do.</summary>
public class SpecLimitTests
{
    [Fact]
    public void A_spec_over_1_MiB_is_refused_before_it_is_parsed()
    {
        // Not YAML at all past the first lines: the size is what is reported, so nothing was parsed.
        var yaml = "name: s\njob: noop\n" + new string('[', SpecLimits.MaxBytes);

        var error = Assert.Single(Some.Errors(yaml));

        Assert.Equal((Some.File, 1, "file"), (error.File, error.Line, error.Field));
        Assert.Equal($"is {SpecLimits.Count(yaml.Length)} bytes; a spec may be at most 1,048,576 bytes (1 MiB)", error.Problem);
        Assert.Contains("split its sweeps over several files", error.Hint);
    }

    [Fact]
    public void The_size_is_counted_in_bytes_not_characters()
    {
        var yaml = "name: s\njob: noop\n# " + new string('é', SpecLimits.MaxBytes / 2);

        var error = Assert.Single(Some.Errors(yaml));

        Assert.Equal("file", error.Field);
        Assert.StartsWith($"is {SpecLimits.Count(SpecLimits.MaxBytes + 20)} bytes", error.Problem);
    }

    [Fact]
    public void A_file_over_1_MiB_is_refused_without_being_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"huge-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: s\njob: noop\n# " + new string('x', 2 * SpecLimits.MaxBytes));
        try
        {
            var error = Assert.Single(Assert.Throws<SpecException>(() => SpecLoader.LoadFile(path, TestJobs.Registry())).Errors);

            Assert.Equal((path, 1, "file"), (error.File, error.Line, error.Field));
            Assert.StartsWith("is 2,097,172 bytes; a spec may be at most 1,048,576 bytes (1 MiB)", error.Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, string, int> Deep => new()
    {
        { "flow lists", new string('[', 50_000) + new string(']', 50_000), 1 },
        { "flow mappings", string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "1" + new string('}', 50_000), 1 },
        { "block lists", string.Concat(Enumerable.Repeat("- ", 50_000)) + "1", 1 },
        { "indented mappings", string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', 2 * i) + "a:\n")) + new string(' ', 1200) + "1", 65 },
        { "an unclosed sweep", "name: s\njob: noop\nparameters:\n  sleep_ms: " + new string('[', 1_000_000), 4 },
    };

    [Theory]
    [MemberData(nameof(Deep))]
    public void A_spec_nested_too_deep_is_refused_at_the_line_where_it_passes_64_levels(string shape, string yaml, int line)
    {
        var error = Assert.Single(Some.Errors(yaml));

        Assert.True((Some.File, line, "yaml") == (error.File, error.Line, error.Field), $"{shape}: {error}");
        Assert.Equal("lists and mappings are nested more than 64 deep here", error.Problem);
        Assert.Contains("a sweep needs 5 levels at most", error.Hint);
    }

    [Fact]
    public void Nesting_64_deep_passes_the_scan_and_65_does_not()
    {
        static string Nested(int depth) => new string('[', depth) + new string(']', depth);

        Assert.DoesNotContain(Some.Errors(Nested(SpecLimits.MaxDepth)), e => e.Problem.Contains("nested"));
        Assert.Contains(Some.Errors(Nested(SpecLimits.MaxDepth + 1)), e => e.Problem.Contains("nested more than 64 deep"));
    }

    [Fact]
    public void A_list_of_more_than_100_000_values_is_refused_naming_its_field_and_line()
    {
        var yaml = Some.Yaml(
            "sweeps:",
            "  - name: s",
            "    job: noop",
            "    parameters:",
            "      sleep_ms: [" + string.Join(", ", Enumerable.Range(0, SpecLimits.MaxItems + 1)) + "]");

        var error = Assert.Single(Some.Errors(yaml));

        Assert.Equal((5, "parameters.sleep_ms", "is a list of more than 100,000 values"), (error.Line, error.Field, error.Problem));
        Assert.Contains("range {min, max, steps}", error.Hint);
    }

    [Fact]
    public void A_mapping_of_more_than_100_000_keys_is_refused()
    {
        var yaml = Some.Yaml("name: s", "job: noop", "parameters: {" + string.Join(", ", Enumerable.Range(0, SpecLimits.MaxItems + 1)) + "}");

        var error = Assert.Single(Some.Errors(yaml));

        Assert.Equal((3, "parameters", "is a mapping of more than 100,000 keys"), (error.Line, error.Field, error.Problem));
    }

    [Fact]
    public void A_list_of_100_000_values_is_read_and_its_repeats_are_still_named()
    {
        var values = Enumerable.Range(0, SpecLimits.MaxItems).ToArray();
        var distinct = Some.Yaml("name: s", "job: noop", "parameters:", "  sleep_ms: [" + string.Join(", ", values) + "]");
        Assert.Equal(SpecLimits.MaxItems, Assert.IsType<ChoiceParameter>(Assert.Single(Some.Spec(distinct).Parameters)).Values.Count);

        values[70_000] = 5;
        values[^1] = 6;
        var repeated = Some.Yaml("name: s", "job: noop", "parameters:", "  sleep_ms: [" + string.Join(", ", values) + "]");

        Assert.Equal(
            ["parameters.sleep_ms[70000]: repeats 5 (already item 5)", "parameters.sleep_ms[99999]: repeats 6 (already item 6)"],
            Some.Errors(repeated).Select(e => $"{e.Field}: {e.Problem}"));
    }

    [Fact]
    public void At_most_100_problems_are_listed_and_the_rest_counted()
    {
        var yaml = Some.Yaml("name: s", "job: noop", "parameters:", "  sleep_ms: [" + string.Join(", ", Enumerable.Repeat(1, 301)) + "]");

        var errors = Some.Errors(yaml);

        Assert.Equal(SpecLimits.MaxProblemsShown + 1, errors.Count);
        Assert.All(errors.Take(SpecLimits.MaxProblemsShown), e => Assert.Equal("repeats 1 (already item 0)", e.Problem));
        Assert.Equal(("file", "200 more problems are not shown"), (errors[^1].Field, errors[^1].Problem));
        Assert.Contains("fix the ones above", errors[^1].Hint);
    }

    [Fact]
    public void An_alias_inside_the_value_it_names_is_refused()
    {
        var error = Assert.Single(Some.Errors(Some.Yaml("name: s", "job: noop", "parameters:", "  sleep_ms: &loop [1, *loop]")));

        Assert.Equal((4, "yaml", "the alias *loop is used inside the value it names, so it never ends"), (error.Line, error.Field, error.Problem));
    }

    [Fact]
    public void Aliases_that_stand_for_more_than_4_MiB_are_refused()
    {
        // 40 parameters aliasing one list of 30,000 values: about 60 KiB of text standing for over 8 MiB.
        var yaml = Some.Yaml(
            ["name: s", "job: fake.wide", "sampler: random", "trials: 10", "parameters:",
             "  x0: &values [" + string.Join(", ", Enumerable.Range(0, 30_000).Select(i => $"{i}.5")) + "]",
             .. Enumerable.Range(1, 39).Select(i => $"  x{i}: *values")]);

        var error = Assert.Single(Some.Errors(yaml));

        Assert.Equal("yaml", error.Field);
        Assert.InRange(error.Line, 7, 45);
        Assert.Equal("with its aliases (*name) written out, the spec would be more than 4,194,304 bytes", error.Problem);
    }

    [Fact]
    public void A_sweep_whose_canonical_text_passes_1_MiB_is_refused_as_the_coordinator_would()
    {
        // Within the alias limit, but written out in full (as it is sent and stored) over 1 MiB.
        var yaml = Some.Yaml(
            ["name: s", "job: fake.wide", "sampler: random", "trials: 10", "parameters:",
             "  x0: &values [" + string.Join(", ", Enumerable.Range(0, 12_000).Select(i => $"{i}.5")) + "]",
             .. Enumerable.Range(1, 11).Select(i => $"  x{i}: *values")]);

        var error = Assert.Single(Some.Errors(yaml));

        Assert.Equal((1, "name"), (error.Line, error.Field));
        Assert.Matches(@"^sweep 's' written out in full \(aliases expanded, texts quoted\) is [\d,]+ bytes; a spec may be at most 1,048,576 bytes \(1 MiB\)$", error.Problem);
    }
}
