using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary><c>sampler: tpe</c> through <c>sweeps run</c>: reproducible from its seed, and resumed with the points it journaled.</summary>
public sealed class TpeSweepTests
{
    private const string Trials = "SELECT trial_index, seed, parameters, metrics, status FROM trials ORDER BY trial_index";

    private readonly string _folder = TestStores.NewFolder();

    private static string Branin(int trials, string batch) => $"""
        name: tpe-branin
        job: bench.function
        sampler: tpe
        {batch}
        trials: {trials}
        seed: 3
        parameters:
          function: branin
          x1: {"{"}min: -5, max: 10{"}"}
          x2: {"{"}min: 0, max: 15{"}"}
        objective: {"{"}metric: value, goal: minimize{"}"}
        """;

    [Fact]
    public void A_batched_sweep_run_with_one_worker_and_with_three_gives_identical_trials()
    {
        var spec = Files.Write(_folder, "tpe.yaml", Branin(trials: 40, batch: "batch: 4"));
        var one = Path.Combine(_folder, "one.db");
        var three = Path.Combine(_folder, "three.db");

        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", one, "--workers", "1"));
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", three, "--workers", "3"));

        var first = Files.Query(one, Trials).Select(r => string.Join("|", r)).ToList();
        Assert.Equal(40, first.Count);
        Assert.All(first, row => Assert.EndsWith("|completed", row));
        Assert.Equal(first, Files.Query(three, Trials).Select(r => string.Join("|", r)));
    }

    [Fact]
    public void Killed_mid_sweep_and_run_again_it_keeps_the_journaled_points_and_ends_as_an_uninterrupted_run()
    {
        // noop's value depends on the trial's seed only, so the points TPE suggests depend on nothing but the seed
        var text = """
            name: tpe-resume
            job: noop
            sampler: tpe
            batch: 5
            trials: 60
            seed: 8
            parameters:
              sleep_ms: {min: 30, max: 90}
            objective: {metric: value, goal: maximize}
            """;
        var spec = Files.Write(_folder, "resume.yaml", text);
        var database = Path.Combine(_folder, "killed.db");
        using (var first = SweepsProcess.Start(_folder, "run", spec, "--db", database, "--workers", "2"))
        {
            Eventually.Until(() => Completed(database), n => n >= 20, n => n.ToString(), TimeSpan.FromMinutes(2),
                () => $"20 completed rows; output:\n{first.Output}\n{first.Errors}");
            first.KillHard();
        }
        var before = Files.Query(database, "SELECT trial_index, parameters FROM trials ORDER BY trial_index").ToDictionary(r => (long)r[0]!, r => (string)r[1]!);
        Assert.InRange(Completed(database), 20, 59);

        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", database, "--workers", "2"));
        var uninterrupted = Path.Combine(_folder, "whole.db");
        Succeeds(SweepsProcess.Run(_folder, "run", spec, "--db", uninterrupted, "--workers", "1"));

        var after = Files.Query(database, "SELECT trial_index, parameters FROM trials ORDER BY trial_index").ToDictionary(r => (long)r[0]!, r => (string)r[1]!);
        foreach (var (index, point) in before) Assert.Equal(point, after[index]);
        Assert.Equal(Files.Query(uninterrupted, Trials).Select(r => string.Join("|", r)), Files.Query(database, Trials).Select(r => string.Join("|", r)));
        Assert.All(Journal.FinishedCounts(database, "tpe-resume"), p => Assert.Equal(1, p.Value));
    }

    private static long Completed(string database) =>
        File.Exists(database) && Files.Count(database, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'trials'") > 0
            ? Files.Count(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'")
            : 0;

    private static void Succeeds((int ExitCode, string Output, string Errors) run) =>
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
}
