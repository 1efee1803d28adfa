using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>sweeps retry</c> through real processes: a coordinator, a worker, and a command sweep whose program fails until the
/// test lets it succeed. Retried, the failed trials run again as second attempts and the sweep finishes with none failed;
/// a retry that cannot be done says why and exits non-zero.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RetryCommandTests
{
    private readonly string _folder = TestStores.NewFolder();

    /// <summary>A spec of two sweeps: flaky, whose program fails until <c>fixed</c> exists in the folder, and fine, which completes.</summary>
    private (string Spec, string Fixed) FlakySpec()
    {
        var fixedIt = Path.Combine(_folder, "fixed");
        var train = Files.Write(_folder, "train.sh", $$"""
            #!/bin/sh
            if [ ! -e {{fixedIt}} ]; then
              echo "the data is not there yet" >&2
              exit 3
            fi
            echo "{\"valid_loss\": $1}"
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(train, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = Files.Write(_folder, "flaky.yaml", $$"""
            sweeps:
              - name: flaky
                job: command
                command: ["{{train}}", "{x}"]
                parameters:
                  x: [0.25, 0.5, 0.75]
              - name: fine
                job: noop
                parameters:
                  sleep_ms: [0]
            """);
        return (spec, fixedIt);
    }

    [Fact]
    public void Failed_trials_retried_run_again_as_new_attempts_and_the_sweep_finishes_with_none_failed()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var (spec, fixedIt) = FlakySpec();
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var server = new[] { "--server", $"http://127.0.0.1:{http}" };
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var worker = SweepsProcess.Start(_folder, "worker", "--seed", $"127.0.0.1:{port}", "--slots", "2", "--name", "w", "--allow-commands",
            "--work-dir", Path.Combine(_folder, "work"));
        string Logs() => $"coordinator:\n{coordinator.Errors}\nworker:\n{worker.Errors}";
        coordinator.WaitForLog("HTTP API listening", TimeSpan.FromSeconds(60));
        coordinator.WaitForLog("Acquired the coordinator lease", TimeSpan.FromSeconds(60));
        worker.WaitForLog("welcomed by the coordinator", TimeSpan.FromSeconds(60));
        Succeeds(SweepsProcess.Run(_folder, ["submit", spec, .. server]));
        Eventually.Until(() => Counts(db, "flaky"), c => c == ("finished", 0, 3), c => c.ToString(), TimeSpan.FromMinutes(2),
            () => $"the flaky sweep to finish with 3 failed trials; {Logs()}");
        Eventually.Until(() => Counts(db, "fine"), c => c == ("finished", 1, 0), c => c.ToString(), TimeSpan.FromMinutes(2),
            () => $"the fine sweep to finish; {Logs()}");

        // What cannot be retried is refused with the reason, and changes nothing.
        Refused(SweepsProcess.Run(_folder, ["retry", "nope", .. server]), "no sweep named 'nope'; known: flaky, fine");
        Refused(SweepsProcess.Run(_folder, ["retry", "fine", .. server]), "sweep 'fine' has no failed trials");
        Refused(SweepsProcess.Run(_folder, ["retry", "flaky", "--pruned", .. server]), "sweep 'flaky' has no pruned trials");
        Assert.Equal(("finished", 0, 3), Counts(db, "flaky"));

        File.WriteAllText(fixedIt, "");
        var retried = SweepsProcess.Run(_folder, ["retry", "flaky", "--failed", .. server]);
        Succeeds(retried);
        Assert.Contains("sweep 'flaky': 3 failed trials will run again as new attempts", retried.Output);
        Eventually.Until(() => Counts(db, "flaky"), c => c == ("finished", 3, 0), c => c.ToString(), TimeSpan.FromMinutes(2),
            () => $"the retried trials to complete; {Logs()}");

        var rows = Files.Query(db, "SELECT trial_index, attempt, error FROM trials WHERE sweep = 'flaky' ORDER BY trial_index");
        Assert.Equal([(0L, 2L), (1L, 2L), (2L, 2L)], rows.Select(r => (Convert.ToInt64(r[0]), Convert.ToInt64(r[1]))));
        Assert.All(rows, r => Assert.Null(r[2] as string));
        Assert.Equal(new Dictionary<long, int> { [0] = 2, [1] = 2, [2] = 2 }, Journal.FinishedCounts(db, "flaky"));
        var (exit, status, errors) = SweepsProcess.Run(_folder, "status", "flaky", "--db", db);
        Assert.True(exit == 0, errors);
        Assert.Contains("3 completed, 0 failed", status);
        var (_, sorted, _) = SweepsProcess.Run(_folder, "query", "flaky", "--db", db, "--sort", "valid_loss", "--desc", "--limit", "2", "--format", "json");
        using var best = System.Text.Json.JsonDocument.Parse(sorted);
        Assert.Equal([(2L, 0.75, 2), (1L, 0.5, 2)], best.RootElement.EnumerateArray().Select(t =>
            (t.GetProperty("trial").GetInt64(), t.GetProperty("metrics").GetProperty("valid_loss").GetDouble(), t.GetProperty("attempt").GetInt32())));

        // nothing is left to retry now
        Refused(SweepsProcess.Run(_folder, ["retry", "flaky", .. server]), "sweep 'flaky' has no failed trials");
    }

    [Fact]
    public void A_sweep_run_in_one_process_is_retried_in_its_store_and_the_next_run_runs_the_trials()
    {
        var db = Path.Combine(_folder, "runs.db");
        var (spec, fixedIt) = FlakySpec();
        var first = SweepsProcess.Run(_folder, "run", spec, "--db", db, "--workers", "2");
        Assert.True(first.ExitCode == 1, $"exit {first.ExitCode}\n{first.Output}\n{first.Errors}");
        Assert.Equal(("finished", 0, 3), Counts(db, "flaky"));

        Refused(SweepsProcess.Run(_folder, "retry", "nope", "--db", db), "no sweep named 'nope'; known: flaky, fine");
        Refused(SweepsProcess.Run(_folder, "retry", "fine", "--db", db), "sweep 'fine' has no failed trials");
        var missing = SweepsProcess.Run(_folder, "retry", "flaky", "--db", Path.Combine(_folder, "nothing.db"));
        Assert.True(missing.ExitCode == 3, $"exit {missing.ExitCode}\n{missing.Errors}");
        Assert.Contains("there is no store at", missing.Errors);
        Assert.False(File.Exists(Path.Combine(_folder, "nothing.db")));
        var both = SweepsProcess.Run(_folder, "retry", "flaky", "--db", db, "--server", "http://127.0.0.1:1");
        Assert.True(both.ExitCode == 2, $"exit {both.ExitCode}\n{both.Errors}");
        Assert.Contains("--db and --server", both.Output + both.Errors);

        var noCluster = SweepsProcess.RunWith(new Dictionary<string, string> { ["SWEEPS_SERVER"] = "http://127.0.0.1:1" }, _folder, "retry", "flaky");
        Assert.True(noCluster.ExitCode == 1, $"exit {noCluster.ExitCode}\n{noCluster.Errors}");
        Assert.Contains("for a sweep sweeps run ran, give its store: sweeps retry flaky --db STORE", noCluster.Errors);

        var retried = SweepsProcess.Run(_folder, "retry", "flaky", "--db", db);
        Succeeds(retried);
        Assert.Contains("sweep 'flaky': 3 failed trials will run again as new attempts", retried.Output);
        // recorded in the store at once: the trials wait to run, the sweep runs again
        Assert.Equal(("running", 0, 0), Counts(db, "flaky"));
        Assert.Equal(3, Files.Count(db, "SELECT COUNT(*) FROM trials WHERE sweep = 'flaky' AND status = 'pending' AND attempt = 2 AND error = 'will run again: retried (was failed)'"));

        File.WriteAllText(fixedIt, "");
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", db, "--workers", "2"));
        Assert.Equal(("finished", 3, 0), Counts(db, "flaky"));
        Assert.Equal(new Dictionary<long, int> { [0] = 2, [1] = 2, [2] = 2 }, Journal.FinishedAttempts(db, "flaky"));
        Assert.Equal(("finished", 1, 0), Counts(db, "fine"));
    }

    private static void Succeeds((int ExitCode, string Output, string Errors) run) =>
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");

    private static void Refused((int ExitCode, string Output, string Errors) run, string reason)
    {
        Assert.True(run.ExitCode == 4, $"exit {run.ExitCode}, expected 4\n{run.Output}\n{run.Errors}");
        Assert.Contains($"error: {reason}", run.Errors);
    }

    /// <summary>The sweep's state and its completed and failed trials, as the results store has them.</summary>
    private static (string? State, long Completed, long Failed) Counts(string db, string sweep) =>
        (Files.Query(db, $"SELECT state FROM sweeps WHERE name = '{sweep}'").SingleOrDefault()?[0] as string,
         Files.Count(db, $"SELECT COUNT(*) FROM trials WHERE sweep = '{sweep}' AND status = 'completed'"),
         Files.Count(db, $"SELECT COUNT(*) FROM trials WHERE sweep = '{sweep}' AND status = 'failed'"));
}
