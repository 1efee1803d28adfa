using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>Raising <c>trials</c> of a random, sobol or TPE sweep extends it: the first trials keep their points and results.</summary>
public sealed class ExtendSweepTests
{
    private const string Rows = "SELECT trial_index, seed, parameters, metrics, status, attempt, ended_at FROM trials ORDER BY trial_index";

    private readonly string _folder = TestStores.NewFolder();

    private static string Spec(string sampler, int trials, string extra = "") => $"""
        name: grow
        job: bench.function
        sampler: {sampler}
        {extra}
        trials: {trials}
        seed: 5
        parameters:
          function: branin
          x1: {"{"}min: -5, max: 10{"}"}
          x2: {"{"}min: 0, max: 15{"}"}
        objective: {"{"}metric: value, goal: minimize{"}"}
        """;

    [Theory]
    [InlineData("random", "")]
    [InlineData("sobol", "")]
    [InlineData("tpe", "batch: 5")]
    public void More_trials_run_only_the_new_ones_and_end_as_a_sweep_that_had_them_from_the_start(string sampler, string extra)
    {
        var database = Path.Combine(_folder, $"{sampler}.db");
        Succeeds(SweepsProcess.Run(_folder, "run", Files.Write(_folder, "small.yaml", Spec(sampler, 20, extra)), "--db", database));
        var first = Files.Query(database, Rows).Select(r => string.Join("|", r)).ToList();

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", Files.Write(_folder, "large.yaml", Spec(sampler, 35, extra)), "--db", database);
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        Assert.Contains("Sweep grow extended to 35 trials", errors);

        var after = Files.Query(database, Rows).Select(r => string.Join("|", r)).ToList();
        Assert.Equal(35, after.Count);
        Assert.Equal(first, after.Take(20)); // not run again: same results, same end times
        Assert.All(Journal.FinishedCounts(database, "grow"), p => Assert.Equal(1, p.Value));
        Assert.Equal(("finished", 35L), (Files.Query(database, "SELECT state FROM sweeps").Single()[0], Files.Count(database, "SELECT total_trials FROM sweeps")));

        var whole = Path.Combine(_folder, $"{sampler}-whole.db");
        Succeeds(SweepsProcess.Run(_folder, "run", Path.Combine(_folder, "large.yaml"), "--db", whole));
        const string points = "SELECT trial_index, seed, parameters, metrics FROM trials ORDER BY trial_index";
        Assert.Equal(Files.Query(whole, points).Select(r => string.Join("|", r)), Files.Query(database, points).Select(r => string.Join("|", r)));
    }

    [Fact]
    public void Fewer_trials_or_another_change_is_still_refused_with_the_difference()
    {
        var database = Path.Combine(_folder, "refused.db");
        Succeeds(SweepsProcess.Run(_folder, "run", Files.Write(_folder, "a.yaml", Spec("random", 20)), "--db", database));

        var fewer = SweepsProcess.Run(_folder, "run", Files.Write(_folder, "b.yaml", Spec("random", 10)), "--db", database);
        var reseeded = SweepsProcess.Run(_folder, "run", Files.Write(_folder, "c.yaml", Spec("random", 30).Replace("seed: 5", "seed: 6")), "--db", database);

        Assert.NotEqual(0, fewer.ExitCode);
        Assert.Contains("trials: stored 20, now 10", fewer.Errors + fewer.Output);
        Assert.NotEqual(0, reseeded.ExitCode);
        Assert.Contains("seed: stored 5, now 6", reseeded.Errors + reseeded.Output);
        Assert.Equal(20, Files.Count(database, "SELECT COUNT(*) FROM trials"));
    }

    private static void Succeeds((int ExitCode, string Output, string Errors) run) =>
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
}
