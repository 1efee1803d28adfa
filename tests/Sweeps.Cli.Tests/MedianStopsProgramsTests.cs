using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>scheduler: {kind: median}</c> through <c>sweeps run</c> with real programs: two trials that would report a loss of 9 for
/// minutes are pruned once two trials have finished with losses of 1 and 2, and their programs are stopped while the sweep
/// still runs (a fifth trial waits for the test), not when it ends.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MedianStopsProgramsTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void Trials_worse_than_the_median_are_pruned_and_their_programs_stopped()
    {
        var marks = Directory.CreateDirectory(Path.Combine(_folder, "marks")).FullName;
        var release = Path.Combine(_folder, "release");
        var train = Files.Write(_folder, "train.sh", $$"""
            #!/bin/sh
            case "$SWEEPS_PARAM_CASE" in
              a) x=1 ;;
              b) x=2 ;;
              slow*)
                trap 'touch {{marks}}/stopped-$SWEEPS_TRIAL; exit 143' TERM
                i=1
                while [ $i -le 3000 ]; do echo "{\"step\": $i, \"loss\": 9}"; sleep 0.05; i=$((i+1)); done
                touch {{marks}}/ran-out-$SWEEPS_TRIAL
                exit 0 ;;
              gated)
                while [ ! -e {{release}} ]; do sleep 0.1; done
                x=1 ;;
            esac
            i=1
            while [ $i -le 1000 ]; do echo "{\"step\": $i, \"loss\": $x}"; i=$((i+1)); done
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(train, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = Files.Write(_folder, "median.yaml", $$"""
            name: median-programs
            job: command
            command: ["{{train}}"]
            parameters:
              case: [a, b, slow1, slow2, gated]
            objective: {metric: loss, goal: minimize}
            scheduler: {kind: median, min_resource: 1, startup_trials: 2}
            """);
        var db = Path.Combine(_folder, "sweeps.db");
        using var run = SweepsProcess.Start(_folder, "run", spec, "--db", db, "--workers", "2", "--kill-grace", "5",
            "--work-dir", Path.Combine(_folder, "work"));

        // Both slow programs are stopped by the pruning, while the gated trial still holds the sweep open.
        var stopped = Eventually.Until(() => Directory.GetFiles(marks, "stopped-*").Length, n => n == 2 || run.HasExited, n => $"{n} stopped",
            TimeSpan.FromMinutes(3), () => $"the two slow trials to be pruned and stopped; output:\n{run.Output}\n{run.Errors}");
        Assert.True(stopped == 2 && !run.HasExited, $"{stopped} stopped before the sweep ended; output:\n{run.Output}\n{run.Errors}");
        File.WriteAllText(release, "");
        Assert.Equal(0, run.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Empty(Directory.GetFiles(marks, "ran-out-*"));

        var rows = Files.Query(db, "SELECT trial_index, status, json_extract(details, '$.pruned') FROM trials ORDER BY trial_index");
        Assert.Equal(["completed", "completed", "pruned", "pruned", "completed"], rows.Select(r => (string)r[1]!));
        Assert.All(rows.Where(r => (string)r[1]! == "pruned"), r => Assert.Matches(@"^median rule at step \d+: best loss so far 9 is worse than the median of the 2 finished trials there$", (string)r[2]!));
        Assert.Contains("2 pruned", SweepsProcess.Run(_folder, "status", "median-programs", "--db", db).Output);
    }
}
