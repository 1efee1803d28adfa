using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>sweeps run</c> keeps trial checkpoints in its store: killed in the middle of an <c>lstm.train</c> trial, it resumes the
/// trial from its last epoch and ends exactly as a run never interrupted.
/// </summary>
public sealed class CheckpointResumeTests
{
    private const string Spec = """
        name: resume-lstm
        job: lstm.train
        sampler: grid
        seed: 4
        parameters:
          task: adding
          variant: vanilla
          optimizer: nesterov
          learning_rate: 0.01
          momentum: 0.9
          hidden: 24
          batch: 1
          sequence_length: 20
          train_sequences: 1500
          valid_sequences: 100
          test_sequences: 100
          max_epochs: 12
          patience: 12
        objective: {metric: test_loss, goal: minimize}
        """;

    // every metric but the training speed, which is a measurement, not a result
    private const string Result = """
        SELECT trial_index, status, json_remove(metrics, '$.sequences_per_second'), series FROM trials ORDER BY trial_index
        """;

    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void Killed_mid_trial_and_run_again_the_trial_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_run()
    {
        var spec = Files.Write(_folder, "lstm.yaml", Spec);
        var killed = Path.Combine(_folder, "killed.db");
        using (var first = SweepsProcess.Start(_folder, "run", spec, "--db", killed, "--workers", "1"))
        {
            Eventually.Until(() => SavedStep(killed), step => step >= 3, step => $"checkpoint after epoch {step}", TimeSpan.FromMinutes(3),
                () => $"a checkpoint after epoch 3; output:\n{first.Output}\n{first.Errors}");
            first.KillHard();
        }
        var stepAtKill = SavedStep(killed);
        Assert.InRange(stepAtKill, 3, 11);

        var again = SweepsProcess.Run(_folder, "run", spec, "--db", killed, "--workers", "1");
        Succeeds(again);
        Assert.Contains($"Trial resume-lstm/0 (attempt 2) resumes from its checkpoint after step {stepAtKill}", again.Output + again.Errors);
        var whole = Path.Combine(_folder, "whole.db");
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", whole, "--workers", "1"));

        var resumed = Files.Query(killed, Result).Select(r => string.Join("|", r)).Single();
        Assert.StartsWith("0|completed|", resumed);
        Assert.Equal(Files.Query(whole, Result).Select(r => string.Join("|", r)).Single(), resumed);
        Assert.Equal(0, Files.Count(killed, "SELECT COUNT(*) FROM trial_checkpoints")); // a finished trial's checkpoint is removed
        Assert.All(Journal.FinishedCounts(killed, "resume-lstm"), p => Assert.Equal(1, p.Value));
    }

    /// <summary>The step of the trial's checkpoint in the store, or -1 while it has none.</summary>
    private static long SavedStep(string database) =>
        File.Exists(database) && Files.Count(database, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'trial_checkpoints'") > 0
            ? Files.Count(database, "SELECT COALESCE(MAX(step), -1) FROM trial_checkpoints")
            : -1;

    private static void Succeeds((int ExitCode, string Output, string Errors) run) =>
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
}
