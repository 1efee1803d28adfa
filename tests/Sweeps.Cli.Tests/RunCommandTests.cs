using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps run</c> as a real process: killed, interrupted, run again.</summary>
public sealed class RunCommandTests
{
    private readonly string _folder = TestStores.NewFolder();

    private string Database => Path.Combine(_folder, "sweeps.db");

    [Fact]
    public void Killed_with_sigkill_mid_sweep_and_run_again_every_trial_is_recorded_exactly_once()
    {
        var spec = Files.Write(_folder, "crash.yaml", SpecFiles.Noop(trials: 300, sleepMs: 50));
        using (var first = SweepsProcess.Start(_folder, "run", spec, "--workers", "2"))
        {
            UntilCompleted(60, first);
            first.KillHard();
        }
        var completedBefore = Rows("status = 'completed'");
        var inFlight = Journal.InFlight(Database, "crash-test");
        Assert.InRange(completedBefore.Count, 60, 299);
        Assert.NotEmpty(inFlight);

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--workers", "2");
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        Assert.Contains("Recovered sweep crash-test", errors);

        var after = Rows("1 = 1");
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), after.Keys.Order());
        Assert.All(after.Values, r => Assert.Equal("completed", r.Status));
        foreach (var (index, before) in completedBefore) Assert.Equal(before, after[index]);
        var finalAttempts = Journal.FinishedAttempts(Database, "crash-test");
        foreach (var (index, attempt) in inFlight) Assert.True(finalAttempts[index] > attempt, $"trial {index} was in flight at the kill and was not run again");
        var journaled = Journal.FinishedCounts(Database, "crash-test");
        Assert.Equal(300, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
    }

    [Fact]
    public void Interrupted_with_ctrl_c_it_stops_cleanly_and_the_same_command_finishes_the_sweep()
    {
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "slow", trials: 200, sleepMs: 200));
        using (var first = SweepsProcess.Start(_folder, "run", spec, "--workers", "2"))
        {
            UntilCompleted(20, first);
            first.Interrupt();
            Assert.Equal(130, first.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Contains("Run the same command again to resume", first.Output);
        }
        Assert.Equal(0, Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE status = 'running'"));
        var done = Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'");
        Assert.InRange(done, 20, 199);

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--workers", "2");
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        Assert.Equal(200, Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'"));
        Assert.All(Journal.FinishedCounts(Database, "slow"), p => Assert.Equal(1, p.Value));
    }

    [Fact]
    public void The_same_spec_and_seed_give_the_same_trials_and_results()
    {
        var spec = Files.Write(_folder, "smoke.yaml", SpecFiles.Noop(name: "same", trials: 40, sleepMs: 0));
        var one = Path.Combine(_folder, "one.db");
        var two = Path.Combine(_folder, "two.db");
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", one, "--workers", "1"));
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", two, "--workers", "2"));
        const string sql = "SELECT trial_index, seed, parameters, metrics FROM trials ORDER BY trial_index";
        Assert.Equal(Files.Query(one, sql).Select(r => string.Join("|", r)), Files.Query(two, sql).Select(r => string.Join("|", r)));
    }

    [Fact]
    public void A_finished_sweep_run_again_runs_nothing_and_prints_its_summary()
    {
        var spec = Files.Write(_folder, "smoke.yaml", SpecFiles.Noop(name: "done", trials: 10, sleepMs: 0));
        Succeeds(SweepsProcess.Run(_folder, "run", spec));
        var before = Rows("1 = 1");
        var (code, output, _) = SweepsProcess.Run(_folder, "run", spec);
        Assert.Equal(0, code);
        Assert.Contains("10 completed, 0 failed", output);
        Assert.Equal(before, Rows("1 = 1"));
    }

    private static void Succeeds((int ExitCode, string Output, string Errors) run) => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");

    /// <summary>Fails only if the count stops moving for two minutes (it is 0 while the process starts).</summary>
    private void UntilCompleted(long rows, SweepsProcess run) =>
        Eventually.Until(CompletedRows, n => n >= rows, n => n.ToString(), TimeSpan.FromMinutes(2), () => $"{rows} completed rows; output:\n{run.Output}\n{run.Errors}");

    private long CompletedRows() =>
        File.Exists(Database) ? Files.Count(Database, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'trials'") == 0 ? 0
            : Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'") : 0;

    private Dictionary<long, (string Status, long Attempt, string? Worker, string? EndedAt, string? Metrics)> Rows(string where) =>
        Files.Query(Database, $"SELECT trial_index, status, attempt, worker, ended_at, metrics FROM trials WHERE {where}")
            .ToDictionary(r => (long)r[0]!, r => ((string)r[1]!, (long)r[2]!, (string?)r[3], (string?)r[4], (string?)r[5]));
}
