using System.Diagnostics;
using System.Text.Json;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cli.Tests;

/// <summary><c>job: command</c> sweeps through the real CLI: <c>sweeps run</c>, and a worker killed with SIGKILL mid-command.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CommandSweepTests(ITestOutputHelper output)
{
    private readonly string _folder = TestStores.NewFolder();

    private string Script(string name, string body)
    {
        var path = Files.Write(_folder, name, "#!/bin/sh\n" + body.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Sweeps_run_runs_the_program_the_spec_names_and_stores_its_metrics_and_failures()
    {
        var train = Script("train.sh", """
            echo "training lr=$1 layers=$2 trial=$SWEEPS_TRIAL"
            if [ "$2" = 3 ]; then echo "layers=3 is not supported" >&2; exit 4; fi
            awk -v lr="$1" -v layers="$2" 'BEGIN { printf "{\"epoch\": 1, \"valid_loss\": %.4f}\n{\"epoch\": 2, \"valid_loss\": %.4f}\n", lr * 20, lr * 10 + layers }'
            """);
        var spec = Files.Write(_folder, "mine.yaml", $$"""
            name: mine
            job: command
            command: ["{{train}}", "{learning_rate}", "{layers}"]
            timeout: 5m
            parameters:
              learning_rate: [0.1, 0.2]
              layers: [1, 3]
            objective: {metric: valid_loss, goal: minimize}
            """);
        var work = Path.Combine(_folder, "work");

        var (code, stdout, stderr) = SweepsProcess.Run(_folder, "run", spec, "--workers", "2", "--work-dir", work);

        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("error: 2 trial(s) of mine failed; the first, trial 1: exit code 4; stderr:", stderr);
        var rows = Files.Query(Path.Combine(_folder, "sweeps.db"), "SELECT trial_index, status, metrics, error FROM trials WHERE sweep = 'mine' ORDER BY trial_index");
        Assert.Equal(["completed", "failed", "completed", "failed"], rows.Select(r => (string)r[1]!));
        var metrics = JsonDocument.Parse((string)rows[2][2]!).RootElement;
        Assert.Equal(3.0, metrics.GetProperty("valid_loss").GetDouble());
        Assert.Equal(2.0, metrics.GetProperty("epoch").GetDouble());
        Assert.Contains("layers=3 is not supported", (string)rows[1][3]!);
        var logs = Directory.GetFiles(work, "stdout.log", SearchOption.AllDirectories);
        Assert.Equal(4, logs.Length);
        Assert.Contains(logs, log => File.ReadAllText(log).StartsWith("training lr=0.2 layers=1 trial=2"));
    }

    [Fact]
    public void A_worker_killed_with_sigkill_takes_its_programs_with_it_and_the_trials_run_again_elsewhere_recorded_once()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var pids = Directory.CreateDirectory(Path.Combine(_folder, "pids")).FullName;
        // The first attempt hangs (with a child of its own, as a training script's data loader would); later ones finish.
        var train = Script("train.sh", $$"""
            if [ "$SWEEPS_ATTEMPT" = 1 ]; then
              sleep 600 &
              echo "$$ $!" > {{pids}}/trial-$SWEEPS_TRIAL.tmp && mv {{pids}}/trial-$SWEEPS_TRIAL.tmp {{pids}}/trial-$SWEEPS_TRIAL
              wait
            fi
            echo "{\"valid_loss\": $SWEEPS_TRIAL}"
            """);
        var spec = Files.Write(_folder, "mine.yaml", $$"""
            name: cluster
            job: command
            command: ["{{train}}"]
            parameters:
              x: [1, 2]
            """);
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var doomed = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "doomed", "--allow-commands",
            "--work-dir", Path.Combine(_folder, "work-doomed"));
        try
        {
            doomed.WaitForLog("welcomed by the coordinator", TimeSpan.FromSeconds(60));
            coordinator.WaitForLog("Acquired the coordinator lease", TimeSpan.FromSeconds(60));
            coordinator.WaitForLog("HTTP API listening", TimeSpan.FromSeconds(60));
            var (code, submitted, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", $"http://127.0.0.1:{http}");
            Assert.True(code == 0, submitted + errors + coordinator.Errors);

            var started = Eventually.Until(() => Directory.GetFiles(pids, "trial-?"), f => f.Length == 2, f => f.Length.ToString(),
                TimeSpan.FromMinutes(3), () => $"both programs to start; worker log:\n{doomed.Errors}");
            var processes = started.SelectMany(f => File.ReadAllText(f).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).ToList();
            Assert.All(processes, pid => Assert.True(IsAlive(pid), $"process {pid} is not running before the kill"));

            doomed.KillAlone();
            var clock = Stopwatch.StartNew();
            Eventually.Until(() => processes.Count(IsAlive), alive => alive == 0, alive => alive.ToString(), TimeSpan.FromMinutes(1),
                () => $"the killed worker's programs ({string.Join(", ", processes)}) to die");
            output.WriteLine($"the killed worker's programs were gone {clock.Elapsed.TotalMilliseconds:0} ms after its SIGKILL");

            using var survivor = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "survivor", "--allow-commands",
                "--work-dir", Path.Combine(_folder, "work-survivor"));
            Eventually.Until(() => Files.Count(db, "SELECT COUNT(*) FROM trials WHERE sweep = 'cluster' AND status = 'completed'"), n => n == 2,
                n => n.ToString(), TimeSpan.FromMinutes(4), () => $"the trials to run again; coordinator log:\n{coordinator.Errors}\nsurvivor:\n{survivor.Errors}");
            var rows = Files.Query(db, "SELECT worker, attempt FROM trials WHERE sweep = 'cluster' ORDER BY trial_index");
            Assert.All(rows, r => Assert.Equal("survivor", (string)r[0]!));
            Assert.All(rows, r => Assert.True(Convert.ToInt64(r[1]) >= 2));
            var journaled = Journal.FinishedCounts(db, "cluster");
            Assert.Equal(2, journaled.Count);
            Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
        }
        finally
        {
            // Whatever happened above, no test program outlives the test.
            foreach (var file in Directory.GetFiles(pids))
                foreach (var pid in File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(IsAlive))
                    Process.Start("kill", ["-KILL", pid.ToString()])!.WaitForExit();
        }
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
