using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Cluster.Tests.Hosting;

/// <summary>The real wiring (Akka.Hosting, journal, projection, worker) on SQLite and on a real PostgreSQL server.</summary>
public sealed class EmbeddedRunTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    private static Task<EmbeddedRunResult> Run(StoreLocation store, IReadOnlyList<SweepSpec> specs, CancellationToken interruption = default) =>
        EmbeddedRun.RunAsync(new SweepsNodeOptions(store) { Worker = new WorkerOptions { Slots = 2 } }, Specs.Jobs, specs, _ => { },
            TimeSpan.FromMilliseconds(50), interruption);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Sweeps_run_to_the_end_and_every_trial_is_stored_once(string kind)
    {
        var store = TestStores.Create(kind);
        var result = await Run(store, [Specs.Parse("first", trials: 300), Specs.Parse("second", trials: 50, fail: true)]);

        Assert.False(result.Interrupted);
        Assert.True(result.Clean);
        Assert.Equal([(300L, 0L), (0L, 50L)], result.Sweeps.Select(s => (s.Completed, s.Failed)));
        var results = ResultStore.Open(store);
        Assert.Equal(300, results.ReadTrials("first").Count(t => t.Status == TrialStatus.Completed && t.Attempt == 1));
        Assert.Equal(50, results.ReadTrials("second").Count(t => t.Status == TrialStatus.Failed && t.Error!.Contains("noop was asked to fail")));
        Assert.Equal([SweepState.Finished, SweepState.Finished], results.Sweeps().Select(s => s.State));
    }

    [Fact]
    public async Task A_trial_past_the_spec_s_timeout_is_stopped_and_fails_saying_so()
    {
        var store = TestStores.Create("sqlite");
        var spec = SpecLoader.Parse("name: slow\njob: noop\ntimeout: 300ms\nparameters:\n  sleep_ms: [0, 600000]\n", "slow.yaml", Specs.Jobs).Single();

        var result = await Run(store, [spec]);

        Assert.Equal((1L, 1L), (result.Sweeps.Single().Completed, result.Sweeps.Single().Failed));
        var failed = Assert.Single(ResultStore.Open(store).ReadTrials("slow"), t => t.Status == TrialStatus.Failed);
        Assert.Equal("timed out after 300ms", failed.Error);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task An_interrupted_run_hands_back_its_trials_and_the_next_run_finishes_without_repeating_any(string kind)
    {
        var store = TestStores.Create(kind);
        var spec = Specs.Parse(trials: 400, sleepMs: 5);
        using var interruption = new CancellationTokenSource();
        var first = await EmbeddedRun.RunAsync(new SweepsNodeOptions(store) { Worker = new WorkerOptions { Slots = 2 } }, Specs.Jobs, [spec],
            progress => { if (progress.Sum(p => p.Done) >= 40) interruption.Cancel(); }, TimeSpan.FromMilliseconds(20), interruption.Token);
        Assert.True(first.Interrupted);
        Assert.True(first.Clean);
        var results = ResultStore.Open(store);
        var completedFirst = results.ReadTrials(spec.Name).Where(t => t.Status == TrialStatus.Completed).ToDictionary(t => t.Index, t => t.EndedAt);
        Assert.InRange(completedFirst.Count, 40, 399);
        Assert.DoesNotContain(results.ReadTrials(spec.Name), t => t.Status == TrialStatus.Running);

        var second = await Run(store, [spec]);
        Assert.False(second.Interrupted);
        var rows = results.ReadTrials(spec.Name).ToList();
        Assert.Equal(400, rows.Count(t => t.Status == TrialStatus.Completed));
        Assert.All(completedFirst, p => Assert.Equal(p.Value, rows.Single(r => r.Index == p.Key).EndedAt));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_changed_spec_under_a_stored_name_is_refused_before_anything_runs(string kind)
    {
        var store = TestStores.Create(kind);
        await Run(store, [Specs.Parse(trials: 5)]);
        var error = await Assert.ThrowsAsync<SpecException>(() => Run(store, [Specs.Parse(trials: 4)]));
        Assert.Contains("trials: stored 5, now 4", error.Errors.Single().Problem);
        Assert.Equal(5, ResultStore.Open(store).ReadTrials("noop-sweep").Count());
    }
}
