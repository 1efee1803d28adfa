using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sweeps.Cli.Tests.Support;
using Sweeps.Core.Spec;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>sweeps schema</c> prints a JSON Schema (draft 2020-12) of the spec format that the example specs pass and the
/// mistakes the spec loader refuses fail, checked by a real validator (JsonSchema.Net).
/// </summary>
public sealed class SchemaCommandTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(SpecSchema.Build(BuiltInJobs.Create()).ToJsonString());

    public static TheoryData<string> ExampleSpecs()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryFolder.File("config/sweeps"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void The_command_prints_a_draft_2020_12_schema_and_nothing_else_on_stdout()
    {
        var folder = TestStores.NewFolder();
        var (code, output, _) = SweepsProcess.Run(folder, "schema");

        Assert.Equal(0, code);
        var printed = JsonNode.Parse(output)!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)printed["$schema"]);
        var meta = MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(output).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(meta.IsValid, Problems(meta));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void Every_job_with_its_parameters_bounds_and_choices_is_in_the_schema()
    {
        var schema = SpecSchema.Build(BuiltInJobs.Create());

        Assert.Equal(BuiltInJobs.Create().Kinds.Order(), schema["$defs"]!["sweep"]!["properties"]!["job"]!["enum"]!.AsArray().Select(k => (string)k!).Order());
        var task = schema["$defs"]!["job:lstm.train"]!["properties"]!["parameters"]!["properties"]!["task"]!;
        Assert.Equal(["adding", "reber", "polyphonic", "file"], task["anyOf"]![0]!["enum"]!.AsArray().Select(c => (string)c!));
        var sleep = schema["$defs"]!["job:noop"]!["properties"]!["parameters"]!["properties"]!["sleep_ms"]!["anyOf"]![0]!;
        Assert.Equal((0.0, 2147483647.0), ((double)sleep["minimum"]!, (double)sleep["maximum"]!));
        var epsilon = schema["$defs"]!["job:geometry.shell-fraction"]!["properties"]!["parameters"]!["properties"]!["epsilon"]!;
        Assert.Contains("strictly between 0 and 1", (string)epsilon["description"]!);
        Assert.Equal((0.0, 1.0), ((double)epsilon["anyOf"]![0]!["exclusiveMinimum"]!, (double)epsilon["anyOf"]![0]!["exclusiveMaximum"]!));
    }

    [Theory]
    [MemberData(nameof(ExampleSpecs))]
    public void An_example_spec_passes_the_schema(string file)
    {
        var yaml = RepositoryFolder.Read($"config/sweeps/{file}");
        Assert.NotEmpty(SpecLoader.Parse(yaml, file, BuiltInJobs.Create())); // the loader accepts it too

        var result = Evaluate(yaml);

        Assert.True(result.IsValid, $"{file}: {Problems(result)}");
    }

    // Each spec has one mistake the loader refuses; the schema must refuse it as well.
    [Theory]
    [InlineData("name: a\njob: lstm.train\nparameters:\n  task: reberr\n")]
    [InlineData("name: a\njob: lstm.train\nsampler: random\ntrials: 3\nparameters:\n  variant: [vanilla, nfgg]\n")]
    [InlineData("name: a\njob: noop\nparameters:\n  sleep_ms: -5\n")]
    [InlineData("name: a\njob: noop\nparameters:\n  sleep_ms: 1e300\n")]
    [InlineData("name: a\njob: noop\nsampler: random\ntrials: 3\nparameters:\n  sleep_ms: {min: 0, max: 1e12}\n")]
    [InlineData("name: a\njob: geometry.shell-fraction\nparameters:\n  dimension: 3\n  epsilon: 1\n")]
    [InlineData("name: a\njob: geometry.shell-fraction\nparameters:\n  epsilon: 0.1\n")]
    [InlineData("name: a\njob: geometry.shell-fraction\nsampler: random\ntrials: 3\nparameters:\n  dimension: {min: 1, max: 10}\n")]
    [InlineData("name: a\njob: geometry.shell\nparameters:\n  dimension: 3\n")]
    [InlineData("name: a\njob: noop\ntrials: 5\n")]
    [InlineData("name: a\njob: noop\nsampler: random\n")]
    [InlineData("name: a\njob: noop\nseeds: 3\n")]
    [InlineData("name: a\njob: noop\nparameters:\n  dimension: 3\n")]
    [InlineData("name: --help\njob: noop\n")]
    [InlineData("name: a\njob: noop\nobjective: {metric: loss, goal: minimize}\n")]
    [InlineData("sweeps:\n  - name: a\n    job: noop\n    parameters:\n      fail: maybe\n")]
    [InlineData("name: a\njob: command\nparameters:\n  x: 1\n")]
    [InlineData("name: a\njob: command\ncommand: []\n")]
    [InlineData("name: a\njob: command\ncommand: python3\n")]
    [InlineData("name: a\njob: noop\ncommand: [\"true\"]\n")]
    [InlineData("name: a\njob: command\ncommand: [\"true\"]\ntimeout: 2 hours\n")]
    [InlineData("name: a\njob: command\ncommand: [\"true\"]\nobjective: {metric: valid loss, goal: minimize}\n")]
    public void A_spec_the_loader_refuses_fails_the_schema(string yaml)
    {
        Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "bad.yaml", BuiltInJobs.Create()));

        Assert.False(Evaluate(yaml).IsValid);
    }

    private static EvaluationResults Evaluate(string yaml) =>
        Schema.Evaluate(JsonDocument.Parse(YamlAsJson.Convert(yaml)!.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Problems(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));
}
