using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Tests.Spec;

/// <summary>
/// A file parameter (<see cref="JobParameter.File"/>): a relative path resolves against the spec file's folder when the
/// spec is read from a file, and <see cref="SpecFiles"/> checks the files that exist here with the job's own check.
/// </summary>
public sealed class SpecFileParameterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweeps-spec-files-").FullName;

    private static readonly JobDefinition Reader = new("fake.reader", "Reads a file.",
        [JobParameter.File("data", "a file", path => { if (File.ReadAllText(path).Contains("bad")) throw new InvalidDataException($"{path}:2: is bad"); }),
         JobParameter.Integer("n", "a number", 1)],
        ["value"], () => new NoopJob());

    private static JobRegistry Jobs => new JobRegistry().Register(Reader);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("data.csv", "sub/data.csv")]
    [InlineData("../data.csv", "data.csv")]
    [InlineData("./x/../data.csv", "sub/data.csv")]
    public void A_relative_path_resolves_against_the_spec_files_folder(string given, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        var spec = Write("sub/spec.yaml", $"name: a\njob: fake.reader\nparameters:\n  data: {given}\n");

        var loaded = SpecLoader.LoadFile(spec, Jobs).Single();

        var data = Assert.IsType<ConstantParameter>(loaded.Parameters.Single());
        Assert.Equal(Path.Combine(_folder, expected), data.Value.Text);
        Assert.Contains(Path.Combine(_folder, expected), SpecText.ToCanonicalYaml(loaded)); // what travels to workers
    }

    [Fact]
    public void An_absolute_path_a_list_of_paths_and_text_from_a_request_keep_their_meaning()
    {
        var spec = Write("spec.yaml", "name: a\njob: fake.reader\nsampler: grid\nparameters:\n  data: [/srv/a.csv, b.csv]\n");
        var fromFile = Assert.IsType<ChoiceParameter>(SpecLoader.LoadFile(spec, Jobs).Single().Parameters.Single());
        Assert.Equal(["/srv/a.csv", Path.Combine(_folder, "b.csv")], fromFile.Values.Select(v => v.Text));

        var fromRequest = Assert.IsType<ChoiceParameter>(SpecLoader.Parse(File.ReadAllText(spec), "request", Jobs).Single().Parameters.Single());
        Assert.Equal(["/srv/a.csv", "b.csv"], fromRequest.Values.Select(v => v.Text));
    }

    [Fact]
    public void Files_here_are_checked_with_the_jobs_check_and_absent_ones_only_where_trials_run_here()
    {
        Write("good.csv", "fine");
        Write("bad.csv", "bad");
        Directory.CreateDirectory(Path.Combine(_folder, "folder.csv"));
        var spec = Write("spec.yaml", "name: a\njob: fake.reader\nsampler: grid\nparameters:\n  n: 3\n  data: [good.csv, bad.csv, absent.csv, folder.csv]\n");
        var specs = SpecLoader.LoadFile(spec, Jobs);

        var here = SpecFiles.Check(specs, Jobs, missingIsError: true).Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            $"{spec}:6: parameters.data: {Path.Combine(_folder, "bad.csv")}:2: is bad (fix the file, or name another; a relative path is read from the spec file's folder)",
            $"{spec}:6: parameters.data: '{Path.Combine(_folder, "absent.csv")}' does not exist (fix the file, or name another; a relative path is read from the spec file's folder)",
            $"{spec}:6: parameters.data: '{Path.Combine(_folder, "folder.csv")}' is a folder, not a file (fix the file, or name another; a relative path is read from the spec file's folder)",
        ], here);

        var remote = SpecFiles.Check(specs, Jobs, missingIsError: false);
        Assert.Equal(2, remote.Count);
        Assert.DoesNotContain(remote, e => e.Problem.Contains("absent.csv"));
        Assert.Throws<SpecException>(() => SpecFiles.ThrowIfBad(specs, Jobs, missingIsError: false));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
