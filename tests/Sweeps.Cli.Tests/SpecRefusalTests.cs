using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Mistakes a spec shows before it runs (values its job does not take, alone or together at a point, YAML that does
/// not parse, names that read as options or paths, a folder for a file) end <c>sweeps run</c> with exit 2 and file:line, field and a hint, and
/// nothing is started or created.
/// </summary>
public sealed class SpecRefusalTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Theory]
    [InlineData("name: a\njob: lstm.train\nparameters:\n  task: reberr\n", "bad.yaml:4: parameters.task: 'task' cannot be 'reberr'", "did you mean 'reber'?")]
    [InlineData("name: a\njob: lstm.train\nparameters:\n  variant: nfgg\n", "bad.yaml:4: parameters.variant: 'variant' cannot be 'nfgg'", "did you mean 'nfg'?")]
    [InlineData("name: a\njob: noop\nparameters:\n  sleep_ms: -5\n", "bad.yaml:4: parameters.sleep_ms: 'sleep_ms' must be from 0 to 2147483647, got -5", "about 24.8 days")]
    [InlineData("name: a\njob: noop\nparameters:\n  sleep_ms: 1e300\n", "bad.yaml:4: parameters.sleep_ms: 'sleep_ms' must be from 0 to 2147483647, got 1E+300", "about 24.8 days")]
    [InlineData("name: a\njob: geometry.shell-fraction\nsampler: random\ntrials: 4\nparameters:\n  dimension: {min: 0, max: 10, type: int}\n",
        "bad.yaml:6: parameters.dimension.min: 'dimension' must be from 1 to 1000000, got 0", "dimension of the ball")]
    [InlineData("name: a\njob: noop\nparameters:\n  sleep_ms: [0, 1", "bad.yaml:4: yaml: the list opened here with [ (column 13) is not closed", "close it with ]")]
    [InlineData("name: a\njob: noop\nparameters:\n\tsleep_ms: 3\n", "bad.yaml:4: yaml: a tab is used to indent", "replace the tab with spaces")]
    [InlineData("name: a\njob: geometry.shell\nparameters:\n  dimension: 3\n", "bad.yaml:2: job: unknown job kind 'geometry.shell'", "did you mean 'geometry.shell-fraction'?")]
    [InlineData("name: ..\njob: noop\n", "bad.yaml:1: name: '..' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: -rf\njob: noop\n", "bad.yaml:1: name: '-rf' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: --help\njob: noop\n", "bad.yaml:1: name: '--help' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: a\njob: geometry.knn\nparameters:\n  dimension: [1, 5]\n",
        "bad.yaml:3: parameters.informative: parameter 'informative' must be between 1 and 1 (at most dimension, which is 1), got 2, at point 0: dimension: 1",
        "every point of the sweep must be one geometry.knn can run")]
    [InlineData("name: a\njob: lstm.train\nparameters:\n  task: [reber, adding]\n  sequence_length: 1\n",
        "bad.yaml:5: parameters.sequence_length: parameter 'sequence_length' must be from 2 to 100000, got 1, at point 1: task: adding, sequence_length: 1",
        "narrow the lists or ranges that give this point")]
    public void A_mistake_known_before_running_exits_2_with_line_field_and_hint(string yaml, string where, string hint)
    {
        var spec = Files.Write(_folder, "bad.yaml", yaml);

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);

        Assert.Equal(2, code);
        Assert.Contains("error: the spec cannot run", errors);
        Assert.Contains($"{Path.Combine(_folder, where)}", errors);
        Assert.Contains(hint, errors);
        Assert.DoesNotContain("Operation is not valid", errors);
        Assert.DoesNotContain("submitted", output + errors);
        Assert.False(File.Exists(Path.Combine(_folder, "sweeps.db")), "a bad spec must not even create the store");
    }

    [Fact]
    public void A_folder_given_as_the_spec_says_it_is_a_folder()
    {
        var specs = Directory.CreateDirectory(Path.Combine(_folder, "specs")).FullName;
        Files.Write(specs, "smoke.yaml", "name: a\njob: noop\n");

        var (code, _, errors) = SweepsProcess.Run(_folder, "run", specs);

        Assert.Equal(2, code);
        Assert.Contains($"{specs}:1: file: is a folder, not a spec file (give the path of a spec file, e.g. {Path.Combine(specs, "smoke.yaml")})", errors);
        Assert.DoesNotContain("denied", errors);
        Assert.False(File.Exists(Path.Combine(_folder, "sweeps.db")));
    }
}
