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
    [InlineData("name: s\njob: noop\nparameters:\n  sleep_ms: [1, 2\n", 5)]
    [InlineData("name: s\njob: noop\n  seed: 3\n", 3)]
    [InlineData("name: s\njob: noop\nname: t\n", 3)]
    [InlineData("name: s\njob: 'unclosed\n", 2)]
    public void A_yaml_syntax_error_names_the_file_and_line(string yaml, int line)
    {
        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "bad.yaml", TestJobs.Registry())).Errors);

        Assert.Equal(("bad.yaml", line, "yaml"), (error.File, error.Line, error.Field));
        Assert.DoesNotContain("Idx:", error.Problem);
        Assert.Contains("not valid YAML", error.Hint);
    }
}
