using System.Text.Json;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>scheduler: {kind: sha}</c> through <c>sweeps run</c> with real <c>lstm.train</c> trials: trials pause at rungs of 1 and 3
/// epochs, the best continue from their checkpoints, the rest are pruned; the decisions are the same with 1 and 3 workers,
/// and the trial that runs to the end ends exactly as it would have without pauses.
/// </summary>
public sealed class ScheduledSweepTests
{
    private static string Spec(string scheduler) => $"""
        name: halving-lstm
        job: lstm.train
        sampler: grid
        seed: 8
        parameters:
          task: adding
          variant: vanilla
          optimizer: nesterov
          learning_rate: [0.3, 0.001, 0.1, 0.0003, 0.03, 0.01, 0.003, 1.0, 0.0001]
          momentum: 0.9
          hidden: 8
          batch: 1
          sequence_length: 10
          train_sequences: 150
          valid_sequences: 40
          test_sequences: 40
          max_epochs: 9
          patience: 9
        objective: {"{"}metric: valid_loss, goal: minimize{"}"}
        {scheduler}
        """;

    // every metric but the training speed, which is a measurement, not a result
    private const string Rows = """
        SELECT trial_index, status, attempt, json_remove(metrics, '$.sequences_per_second') FROM trials ORDER BY trial_index
        """;

    private const string Results = """
        SELECT trial_index, status, json_remove(metrics, '$.sequences_per_second'), json_extract(details, '$.pruned') FROM trials ORDER BY trial_index
        """;

    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void Synchronous_halving_prunes_the_same_trials_with_one_and_three_workers_and_its_survivor_ends_as_an_uninterrupted_run()
    {
        var halving = Files.Write(_folder, "halving.yaml", Spec("scheduler: {kind: sha, min_resource: 1, max_resource: 9, reduction_factor: 3}"));
        var one = Path.Combine(_folder, "one.db");
        var run = SweepsProcess.Run(_folder, "run", halving, "--db", one, "--workers", "1");
        Succeeds(run);
        var three = Path.Combine(_folder, "three.db");
        Succeeds(SweepsProcess.Run(_folder, "run", halving, "--db", three, "--workers", "3"));

        // 9 trials to 1 epoch, the best 3 to 3 epochs (attempt 2), the best of those to 9 (attempt 3); 8 pruned.
        var rows = Files.Query(one, Rows);
        Assert.Equal(1, rows.Count(r => (string)r[1]! == "completed"));
        Assert.Equal(8, rows.Count(r => (string)r[1]! == "pruned"));
        Assert.Equal([1L, 1L, 1L, 1L, 1L, 1L, 2L, 2L, 3L], rows.Select(r => Convert.ToInt64(r[2])).Order());
        Assert.Equal(rows.Select(Line), Files.Query(three, Rows).Select(Line));
        Assert.Contains("resumes from its checkpoint after step 1", run.Output + run.Errors);
        Assert.Contains("resumes from its checkpoint after step 3", run.Output + run.Errors);

        // each trial's end journaled once: completed or pruned
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(1, FinalCounts(one).GetValueOrDefault(i)));
        var details = Files.Query(one, "SELECT details FROM trials WHERE status = 'pruned' ORDER BY trial_index").Select(r => (string)r[0]!).ToList();
        Assert.All(details, d => Assert.Contains("not in the best", d));

        // The survivor, paused twice and continued from its checkpoints, ends as the same trial of the sweep without a scheduler.
        var whole = Path.Combine(_folder, "whole.db");
        Succeeds(SweepsProcess.Run(_folder, "run", Files.Write(_folder, "whole.yaml", Spec("")), "--db", whole, "--workers", "1"));
        var survivor = rows.Single(r => (string)r[1]! == "completed");
        var uninterrupted = Files.Query(whole, Rows).Single(r => Convert.ToInt64(r[0]) == Convert.ToInt64(survivor[0]));
        Assert.Equal((string)uninterrupted[3]!, (string)survivor[3]!);

        // The survivor's checkpoint is gone; the pruned trials keep theirs, for `sweeps retry --pruned` (but one that diverged
        // in its first epoch, before any checkpoint: learning rate 1).
        var kept = Files.Query(one, "SELECT trial_index FROM trial_checkpoints").Select(r => Convert.ToInt64(r[0])).ToList();
        Assert.DoesNotContain(Convert.ToInt64(survivor[0]), kept);
        Assert.Equal(rows.Where(r => (string)r[1]! == "pruned" && !((string)r[3]!).Contains("\"diverged\":1")).Select(r => Convert.ToInt64(r[0])), kept.Order());
        var status = SweepsProcess.Run(_folder, "status", "halving-lstm", "--db", one);
        Assert.Contains("1 completed, 0 failed, 8 pruned", status.Output);

        // Killed with -9 once it has promoted trials, and run again: it ends as the uninterrupted run did, each end journaled once.
        var killed = Path.Combine(_folder, "killed.db");
        using (var first = SweepsProcess.Start(_folder, "run", halving, "--db", killed, "--workers", "2"))
        {
            Eventually.Until(() => Promotions(killed), n => n > 0 || first.HasExited, n => $"{n} promotions", TimeSpan.FromMinutes(3),
                () => $"a promotion in the journal; output:\n{first.Output}\n{first.Errors}");
            Assert.False(first.HasExited, $"the run ended before it could be killed; output:\n{first.Output}\n{first.Errors}");
            first.KillHard();
        }
        Succeeds(SweepsProcess.Run(_folder, "run", halving, "--db", killed, "--workers", "2"));
        // (attempts differ: a trial running at the kill runs again as a new attempt)
        Assert.Equal(Files.Query(one, Results).Select(Line), Files.Query(killed, Results).Select(Line));
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(1, FinalCounts(killed).GetValueOrDefault(i)));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_program_continues_from_its_checkpoint_folder_at_each_rung_and_trains_no_epoch_twice()
    {
        var log = Path.Combine(_folder, "epochs.log");
        // Trains from the epoch in its checkpoint folder to SWEEPS_STOP_AT_STEP, keeping its state after each epoch.
        var train = Files.Write(_folder, "train.sh", $$"""
            #!/bin/sh
            dir="$SWEEPS_CHECKPOINT_DIR"
            epoch=$(cat "$dir/epoch" 2>/dev/null || echo 0)
            last=${SWEEPS_STOP_AT_STEP:-9}
            while [ "$epoch" -lt "$last" ]; do
              epoch=$((epoch + 1))
              echo "$SWEEPS_TRIAL $epoch" >> {{log}}
              echo "$epoch" > "$dir/epoch"
              touch "$dir/.sweeps-checkpoint-done"
              echo "{\"step\": $epoch, \"loss\": $SWEEPS_PARAM_X}"
              while [ -e "$dir/.sweeps-checkpoint-done" ]; do sleep 0.01; done
            done
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(train, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = Files.Write(_folder, "programs.yaml", $$"""
            name: halving-programs
            job: command
            command: ["{{train}}"]
            parameters:
              x: [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6]
            objective: {metric: loss, goal: minimize}
            scheduler: {kind: sha, min_resource: 1, max_resource: 9, reduction_factor: 3}
            """);
        var db = Path.Combine(_folder, "programs.db");
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", db, "--workers", "2", "--work-dir", Path.Combine(_folder, "work")));

        var statuses = Files.Query(db, "SELECT status FROM trials ORDER BY trial_index").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["pruned", "completed", "pruned", "pruned", "pruned", "pruned", "pruned", "pruned", "pruned"], statuses);
        // x = 0.1 (trial 1) to 9 epochs; 0.2 and 0.3 (trials 5, 3) to 3; the other six to 1: each epoch trained once.
        var epochs = File.ReadAllLines(log).Select(l => l.Split(' ')).GroupBy(p => long.Parse(p[0]))
            .ToDictionary(g => g.Key, g => g.Select(p => int.Parse(p[1])).ToList());
        Assert.Equal(Enumerable.Range(1, 9), epochs[1]);
        Assert.Equal([1, 2, 3], epochs[3]);
        Assert.Equal([1, 2, 3], epochs[5]);
        Assert.All(new long[] { 0, 2, 4, 6, 7, 8 }, t => Assert.Equal([1], epochs[t]));
    }

    private static long Promotions(string database) =>
        File.Exists(database) && Files.Count(database, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal'") > 0
            ? Files.Count(database, "SELECT COUNT(*) FROM journal WHERE manifest = 'e.pro'")
            : 0;

    private static string Line(object?[] row) => string.Join("|", row);

    /// <summary>How many times each trial's end was journaled, completed or failed (e.fin) or pruned (e.pru).</summary>
    private static Dictionary<long, int> FinalCounts(string database)
    {
        var counts = Journal.FinishedCounts(database, "halving-lstm");
        foreach (var row in Files.Query(database, "SELECT message FROM journal WHERE manifest = 'e.pru' AND deleted = false"))
        {
            using var doc = JsonDocument.Parse((byte[])row[0]!);
            foreach (var trial in doc.RootElement.GetProperty("Trials").EnumerateArray())
            {
                var index = trial.GetProperty("Outcome").GetProperty("Index").GetInt64();
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        }
        return counts;
    }

    private static void Succeeds((int ExitCode, string Output, string Errors) run) =>
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
}
