using System.Diagnostics;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>sweeps pause</c> and <c>sweeps cancel</c> stop a command sweep's programs that are running, through real processes:
/// a coordinator, a worker with <c>--allow-commands</c>, and shell scripts that would otherwise sleep for ten minutes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PauseStopsProgramsTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void Pause_stops_the_running_program_and_resume_runs_it_again_once_and_cancel_stops_it_for_good()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var pids = Directory.CreateDirectory(Path.Combine(_folder, "pids")).FullName;
        var release = Path.Combine(_folder, "release");
        // Until the test releases it, each attempt writes its shell's and its child's PIDs and waits; then it finishes.
        var train = Files.Write(_folder, "train.sh", $$"""
            #!/bin/sh
            if [ ! -e {{release}} ]; then
              sleep 600 &
              echo "$$ $!" > {{pids}}/$SWEEPS_SWEEP-$SWEEPS_ATTEMPT.tmp && mv {{pids}}/$SWEEPS_SWEEP-$SWEEPS_ATTEMPT.tmp {{pids}}/$SWEEPS_SWEEP-$SWEEPS_ATTEMPT
              wait
            fi
            echo "{\"valid_loss\": 0.5}"
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(train, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = Files.Write(_folder, "two.yaml", $$"""
            sweeps:
              - name: kept
                job: command
                command: ["{{train}}"]
                parameters:
                  x: [1]
              - name: doomed
                job: command
                command: ["{{train}}"]
                parameters:
                  x: [1]
            """);
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var server = new[] { "--server", $"http://127.0.0.1:{http}" };
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var worker = SweepsProcess.Start(_folder, "worker", "--seed", $"127.0.0.1:{port}", "--slots", "2", "--name", "w", "--allow-commands",
            "--kill-grace", "5", "--work-dir", Path.Combine(_folder, "work"));
        string Logs() => $"coordinator:\n{coordinator.Errors}\nworker:\n{worker.Errors}";
        try
        {
            coordinator.WaitForLog("HTTP API listening", TimeSpan.FromSeconds(60));
            coordinator.WaitForLog("Acquired the coordinator lease", TimeSpan.FromSeconds(60));
            worker.WaitForLog("welcomed by the coordinator", TimeSpan.FromSeconds(60));
            Succeeds(SweepsProcess.Run(_folder, ["submit", spec, .. server]));
            var kept = Processes(Started(pids, "kept-1", Logs));
            var doomed = Processes(Started(pids, "doomed-1", Logs));
            Assert.All(kept.Concat(doomed), pid => Assert.True(IsAlive(pid), $"process {pid} is not running before the pause"));

            Succeeds(SweepsProcess.Run(_folder, ["pause", "kept", .. server]));
            Eventually.Until(() => kept.Count(IsAlive), alive => alive == 0, alive => alive.ToString(), TimeSpan.FromMinutes(1),
                () => $"the paused sweep's program ({string.Join(", ", kept)}) to be stopped; {Logs()}");
            Assert.All(doomed, pid => Assert.True(IsAlive(pid), $"process {pid} of the sweep still running was stopped too"));
            // Stopped, not failed: the trial waits to run again, and the sweep reads as paused.
            Eventually.Until(() => Row(db, "kept"), r => r is ("paused", "pending", _), r => r.ToString(), TimeSpan.FromMinutes(1),
                () => $"the paused trial to be handed back; {Logs()}");
            var (_, status, _) = SweepsProcess.Run(_folder, "status", "kept", "--db", db);
            Assert.Contains("paused", status);

            Succeeds(SweepsProcess.Run(_folder, ["cancel", "doomed", .. server]));
            Eventually.Until(() => doomed.Count(IsAlive), alive => alive == 0, alive => alive.ToString(), TimeSpan.FromMinutes(1),
                () => $"the cancelled sweep's program ({string.Join(", ", doomed)}) to be stopped; {Logs()}");
            Eventually.Until(() => Row(db, "doomed"), r => r is ("cancelled", "pending", _), r => r.ToString(), TimeSpan.FromMinutes(1),
                () => $"the cancelled trial to be handed back; {Logs()}");

            File.WriteAllText(release, "");
            Succeeds(SweepsProcess.Run(_folder, ["resume", "kept", .. server]));
            Eventually.Until(() => Row(db, "kept"), r => r is ("finished", "completed", _), r => r.ToString(), TimeSpan.FromMinutes(2),
                () => $"the resumed sweep to finish; {Logs()}");

            Assert.Equal(2, Row(db, "kept").Attempt);
            Assert.Equal(new Dictionary<long, int> { [0] = 1 }, Journal.FinishedCounts(db, "kept"));
            Assert.Empty(Journal.FinishedCounts(db, "doomed"));
            Assert.Equal(0, Journal.DispatchedWhile(db, "doomed", "cancelled"));
            Assert.Equal(["doomed-1", "kept-1"], Directory.GetFiles(pids).Select(Path.GetFileName).Order());
            Assert.Equal(("cancelled", "pending"), (Row(db, "doomed").State, Row(db, "doomed").Status));
        }
        finally
        {
            // Whatever happened above, no test program outlives the test.
            foreach (var pid in Directory.GetFiles(pids).SelectMany(Processes).Where(IsAlive))
                Process.Start("kill", ["-KILL", pid.ToString()])!.WaitForExit();
        }
    }

    private static void Succeeds((int ExitCode, string Output, string Errors) run) =>
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");

    private static string Started(string pids, string name, Func<string> logs) =>
        Eventually.Until(() => Path.Combine(pids, name), File.Exists, _ => "", TimeSpan.FromMinutes(3), () => $"program {name} to start; {logs()}");

    private static List<int> Processes(string pidFile) =>
        File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    /// <summary>The sweep's state and its one trial's status and attempt, as the results store has them.</summary>
    private static (string? State, string? Status, int Attempt) Row(string db, string sweep)
    {
        var state = Files.Query(db, $"SELECT state FROM sweeps WHERE name = '{sweep}'").SingleOrDefault()?[0] as string;
        var trial = Files.Query(db, $"SELECT status, attempt FROM trials WHERE sweep = '{sweep}'").SingleOrDefault();
        return (state, trial?[0] as string, trial is null ? 0 : Convert.ToInt32(trial[1]));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            return File.ReadAllLines($"/proc/{pid}/status").All(l => !(l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
