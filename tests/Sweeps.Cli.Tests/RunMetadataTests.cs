using System.Diagnostics;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Run metadata through the real <c>sweeps run</c>: <c>status NAME</c> shows the version, who submitted it from where,
/// and the git commit of the spec's folder (with its dirty flag), or says there is none, also when git is missing;
/// <c>query</c> shows each trial's host.
/// </summary>
public sealed class RunMetadataTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void Status_shows_the_commit_of_the_specs_repository_and_whether_it_had_uncommitted_changes()
    {
        var repository = Directory.CreateDirectory(Path.Combine(_folder, "project")).FullName;
        var spec = Files.Write(repository, "smoke.yaml", SpecFiles.Noop(name: "clean", trials: 3));
        Git(repository, "init", "-q");
        Git(repository, "add", "smoke.yaml");
        Git(repository, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "spec");
        var commit = Git(repository, "rev-parse", "HEAD");

        Run(spec);
        var status = Status("clean");
        Assert.Contains($"git commit      {commit} (clean)", status);
        Assert.Contains($"submitted by    {Environment.UserName} on {Environment.MachineName}", status);
        Assert.Matches(@"sweeps version  \d+\.\d+\.\d+", status);

        File.WriteAllText(spec, SpecFiles.Noop(name: "dirty", trials: 3));
        Run(spec);
        Assert.Contains($"git commit      {commit} (with uncommitted changes)", Status("dirty"));
    }

    [Fact]
    public void Status_says_when_the_spec_is_not_in_a_repository_or_git_is_missing_and_the_run_goes_on()
    {
        var spec = Files.Write(_folder, "smoke.yaml", SpecFiles.Noop(name: "outside", trials: 3));
        Run(spec);
        Assert.Contains("git commit      none (the spec's folder is not in a git repository, or git is not installed)", Status("outside"));

        // No git on the PATH at all (the apphost finds the runtime by its own rules, not the PATH).
        var noGit = new Dictionary<string, string> { ["PATH"] = Directory.CreateDirectory(Path.Combine(_folder, "empty-path")).FullName };
        var other = Files.Write(_folder, "nogit.yaml", SpecFiles.Noop(name: "nogit", trials: 3));
        var (code, output, errors) = SweepsProcess.RunWith(noGit, _folder, "run", other);
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        Assert.Contains("git commit      none", Status("nogit"));
    }

    [Fact]
    public void Query_shows_each_trials_host_and_filters_on_it()
    {
        var spec = Files.Write(_folder, "smoke.yaml", SpecFiles.Noop(name: "hosts", trials: 4));
        Run(spec);

        var (code, csv, errors) = SweepsProcess.Run(_folder, "query", "hosts", "--format", "csv", "--where", $"host = '{Environment.MachineName}'");
        Assert.True(code == 0, $"exit {code}\n{errors}");
        var lines = csv.Trim().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.EndsWith(",host,details", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.EndsWith($",{Environment.MachineName},", line.TrimEnd('\r')));

        var (_, none, _) = SweepsProcess.Run(_folder, "query", "hosts", "--format", "csv", "--where", "details.command = 'x'");
        Assert.Single(none.Trim().Split('\n')); // the header alone: noop gives no details
    }

    private void Run(string spec)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
    }

    private string Status(string name)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, "status", name);
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        return output;
    }

    private static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {git.StandardError.ReadToEnd()}");
        return output.Trim();
    }
}
