using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>Files that cannot be read, or are not YAML, fail as spec errors naming the file and line.</summary>
public class SpecFileErrorTests
{
    [Fact]
    public void A_missing_file_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.yaml");

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecLoader.LoadFile(path, TestJobs.Registry())).Errors);

        Assert.Equal((path, 1, "file", "does not exist"), (error.File, error.Line, error.Field, error.Problem));
        Assert.Contains("check the path", error.Hint);
    }

    [Fact]
    public void A_folder_given_as_the_spec_says_it_is_a_folder_and_names_a_spec_inside()
    {
        var folder = Directory.CreateTempSubdirectory("sweeps-specs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.yaml"), "name: s\njob: noop\n");

            var error = Assert.Single(Assert.Throws<SpecException>(() => SpecLoader.LoadFile(folder, TestJobs.Registry())).Errors);

            Assert.Equal((folder, 1, "file", "is a folder, not a spec file"), (error.File, error.Line, error.Field, error.Problem));
            Assert.Equal($"give the path of a spec file, e.g. {Path.Combine(folder, "a.yaml")}", error.Hint);
            Assert.DoesNotContain("denied", error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_file_on_disk_loads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: s\njob: noop\n");
        try
        {
            var spec = Assert.Single(SpecLoader.LoadFile(path, TestJobs.Registry()));
            Assert.Equal(new SpecSource(path, 1), spec.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: [1, 2\n", 4, "the list opened here with [ (column 13) is not closed", "close it with ]")]
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: [0, 1", 4, "the list opened here with [ (column 13) is not closed", "close it with ]")]
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: [0, 1\nseed: 3\n", 4, "the list opened here", "close it with ]")]
    [InlineData("name: s\njob: noop\nparameters: {sleep_ms: 1\n", 3, "the mapping opened here with { (column 13) is not closed", "close it with }")]
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: {min: 0, max: [1, 2}\n", 4, "is not closed", "close it with ]")]
    [InlineData("name: s\njob: noop\nparameters:\n\tsleep_ms: 3\n", 4, "a tab is used to indent", "replace the tab with spaces")]
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: 3\n\tfail: true\n", 5, "a tab is used to indent", "replace the tab with spaces")]
    [InlineData("name: s\njob: noop\nparameters: *sizes\n", 3, "*sizes refers to no anchor &sizes", "define &sizes")]
    [InlineData("name: s\njob: noop\n  seed: 3\n", 3, "", "not valid YAML")]
    [InlineData("name: s\njob: noop\nname: t\n", 3, "", "not valid YAML")]
    [InlineData("name: s\njob: 'unclosed\n", 2, "found unexpected end of stream", "not valid YAML")]
    [InlineData("name: s\njob: noop\nparameters: [1, 2]]\n", 3, "did not find expected key", "not valid YAML")]
    [InlineData("name: s\njob: \"\\q\"\n", 2, "unknown escape character", "not valid YAML")]
    [InlineData("name: s\njob: noop\nparameters: @x\n", 3, "cannot start any token", "not valid YAML")]
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: ['1, 2]\n", 4, "found unexpected end of stream", "not valid YAML")]
    [InlineData("%YAML 1.1\n%YAML 1.1\n---\nname: s\n", 2, "version directive", "not valid YAML")]
    public void A_yaml_syntax_error_names_the_file_and_the_line_to_fix(string yaml, int line, string problem, string hint)
    {
        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "bad.yaml", TestJobs.Registry())).Errors);

        Assert.Equal(("bad.yaml", line, "yaml"), (error.File, error.Line, error.Field));
        Assert.Contains(problem, error.Problem);
        Assert.DoesNotContain("Idx:", error.Problem);
        Assert.DoesNotContain("Operation is not valid", error.Problem);
        Assert.Contains(hint, error.Hint);
    }
}
