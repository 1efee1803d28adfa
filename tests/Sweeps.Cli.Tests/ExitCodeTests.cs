using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// The exit codes are a contract scripts rely on, the same for every command: 0 done, 1 finished with failed trials,
/// 2 bad spec, option or argument, 3 store unusable, 4 refused by the cluster, 130 interrupted.
/// </summary>
public sealed class ExitCodeTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Theory]
    [InlineData(new[] { "query", "x", "--desc" }, "--desc sorts, so it needs --sort FIELD")]
    [InlineData(new[] { "query", "x", "--format", "xml" }, "--format: 'xml' is not a format")]
    [InlineData(new[] { "query", "x", "--limit", "-1" }, "--limit: -1 is negative")]
    [InlineData(new[] { "query", "x", "--limit", "abc" }, "--limit: 'abc' is not a value it takes")]
    [InlineData(new[] { "run", "x.yaml", "--workers", "0" }, "--workers: 0 is not a number of slots")]
    [InlineData(new[] { "run", "x.yaml", "--workers", "1.5" }, "--workers: '1.5' is not a value it takes")]
    [InlineData(new[] { "query" }, "missing required argument 'NAME'")]
    [InlineData(new[] { "run" }, "missing required argument 'SPEC'")]
    [InlineData(new[] { "status", "--bogus" }, "Unknown option 'bogus'")]
    public void A_bad_option_or_argument_exits_2_in_the_users_words(string[] args, string message)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, args);
        Assert.Equal(2, code);
        Assert.Contains(message, errors);
        Assert.DoesNotContain("`1", errors); // no .NET type names
        Assert.DoesNotContain("   at ", errors); // no stack trace
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("status", "there is no store at")]
    [InlineData("query", "there is no store at")]
    [InlineData("compare", "there is no store at")]
    public void Reading_a_store_that_is_not_there_exits_3_and_creates_nothing(string command, string message)
    {
        var args = command == "status" ? new[] { command, "--db", "typo.db" }
            : command == "query" ? new[] { command, "s", "--db", "typo.db" }
            : new[] { command, "s", "--by", "sleep_ms", "--db", "typo.db" };
        var (code, _, errors) = SweepsProcess.Run(_folder, args);
        Assert.Equal(3, code);
        Assert.Contains(message, errors);
        Assert.False(File.Exists(Path.Combine(_folder, "typo.db")));
    }

    [Fact]
    public void A_database_of_another_application_is_refused_by_readers_and_writers_and_left_as_it_was()
    {
        var other = Path.Combine(_folder, "other.db");
        Files.Execute(other, "CREATE TABLE customers (id INTEGER)");
        var spec = Files.Write(_folder, "ok.yaml", SpecFiles.Noop(trials: 2, sleepMs: 0));

        var (code, _, errors) = SweepsProcess.Run(_folder, "status", "--db", other);
        Assert.Equal(3, code);
        Assert.Contains("is not a Sweeps store", errors);
        (code, _, errors) = SweepsProcess.Run(_folder, "run", spec, "--db", other);
        Assert.Equal(3, code);
        Assert.Contains("holds tables of another application (customers)", errors);
        (code, _, errors) = SweepsProcess.Run(_folder, "status", "--db", _folder);
        Assert.Equal(3, code);
        Assert.Contains("is a folder", errors);
        Assert.Equal(["customers"], Files.Query(other, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r[0]!));
    }

    [Fact]
    public void A_run_whose_trials_failed_exits_1_and_names_the_first_error()
    {
        var spec = Files.Write(_folder, "failing.yaml", """
            name: failing
            job: noop
            sampler: grid
            parameters:
              fail: [false, true]
            """);
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--workers", "1");
        Assert.True(code == 1, output + errors);
        Assert.Contains("error: 1 trial(s) of failing failed; the first, trial 1:", errors);
    }

    [Fact]
    public void A_second_writer_on_the_same_store_is_refused_at_once_in_one_line()
    {
        var spec = Files.Write(_folder, "long.yaml", SpecFiles.Noop(name: "long", trials: 2000, sleepMs: 50));
        using var first = SweepsProcess.Start(_folder, "run", spec, "--workers", "1");
        first.WaitForLog("welcomed by the coordinator", TimeSpan.FromMinutes(2));

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--workers", "1");
        Assert.Equal(3, code);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:")).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("is in use: sweeps run on", line);
        Assert.DoesNotContain("   at ", errors);
        Assert.Equal("", output.Trim());
        Assert.False(first.HasExited, "the first run goes on");
    }
}
