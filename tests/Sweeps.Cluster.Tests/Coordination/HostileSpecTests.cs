using Sweeps.Core.Lifecycle;
using System.Globalization;
using Akka.Actor;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>
/// Spec text sent straight to the coordinator as a cluster message, by anyone: past the limits it is refused with the
/// reason and the coordinator keeps serving; a stored spec is rebuilt on recovery without being checked again.
/// </summary>
public sealed class HostileSpecTests(ITestOutputHelper output) : ClusterTestKit(TestStores.Create(TestStores.Sqlite), output)
{
    private static readonly string Deep =
        "name: deep\njob: noop\nparameters:\n  sleep_ms: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

    private static readonly string Huge = Specs.Noop(name: "huge") + "# " + new string('x', 2 * SpecLimits.MaxBytes) + "\n";

    private static readonly string TwoSweeps = "sweeps:\n  - {name: one, job: noop}\n  - {name: two, job: noop}\n";

    private static string Wide(int values) =>
        "name: wide\njob: noop\nparameters:\n  sleep_ms: [" + string.Join(", ", Enumerable.Range(0, values)) + "]\n";

    [Fact]
    public async Task A_deep_a_huge_and_a_two_sweep_spec_are_refused_with_the_reason_and_the_coordinator_keeps_serving()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        StartWorker(coordinator);

        var refused = await Submit(coordinator, Deep, Huge, TwoSweeps);

        Assert.All(refused.Sweeps, s => Assert.Equal((false, 0L), (s.Accepted, s.TotalTrials)));
        Assert.Equal("submitted spec:4: yaml: lists and mappings are nested more than 64 deep here (a sweep needs 5 levels at most " +
            "(sweeps: - parameters: name: [values]); look for brackets that are never closed)", Assert.Single(refused.Sweeps[0].Problems));
        Assert.StartsWith($"submitted spec:1: file: is {Huge.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes; a spec may be at most 1,048,576 bytes (1 MiB)",
            Assert.Single(refused.Sweeps[1].Problems));
        Assert.Equal("a submitted spec must hold exactly one sweep, this one holds 2; send each sweep as a spec of its own",
            Assert.Single(refused.Sweeps[2].Problems));

        var accepted = await Submit(coordinator, Specs.Noop(trials: 20));
        Assert.Equal((true, 20L), (accepted.Sweeps.Single().Accepted, accepted.Sweeps.Single().TotalTrials));
        Assert.Equal(20, (await UntilOver(coordinator)).Completed);
        await UntilStored(coordinator, projection);
        Assert.Equal(["noop-sweep"], Store.Sweeps().Select(s => s.Name));
    }

    [Fact]
    public async Task A_list_past_100_000_values_is_refused_by_name_and_one_of_100_000_is_accepted()
    {
        var coordinator = StartCoordinator();

        var refused = await Submit(coordinator, Wide(SpecLimits.MaxItems + 1));
        var accepted = await Submit(coordinator, Wide(SpecLimits.MaxItems));

        Assert.Equal("submitted spec:4: parameters.sleep_ms: is a list of more than 100,000 values (give many numbers as a range " +
            "{min, max, steps}, or split the sweep into several)", Assert.Single(refused.Sweeps.Single().Problems));
        Assert.Equal((true, 100_000L), (accepted.Sweeps.Single().Accepted, accepted.Sweeps.Single().TotalTrials));
    }

    [Fact]
    public async Task A_recovered_sweep_is_rebuilt_from_the_journal_without_checking_its_spec_again()
    {
        var coordinator = StartCoordinator();
        Assert.True((await Submit(coordinator, Wide(SpecLimits.MaxItems))).Sweeps.Single().Accepted);
        Watch(coordinator);
        Sys.Stop(coordinator);
        ExpectTerminated(coordinator);

        // No job registered: checking the spec again would refuse job 'noop' and the coordinator could not recover.
        var recovered = Sys.ActorOf(SweepCoordinator.Props(new JobRegistry(), new CoordinatorOptions()), "coordinator-again");

        var progress = await Progress(recovered, "wide");
        Assert.Equal((100_000L, 0L, SweepState.Running), (progress.Total, progress.Done, progress.State));
    }

    [Fact]
    public void A_snapshot_is_restored_without_checking_its_specs_again()
    {
        var state = new CoordinatorState(Specs.Jobs, new CoordinatorOptions());
        state.Apply(state.DecideSubmit(Wide(1000), DateTime.UtcNow).Event!);

        var restored = new CoordinatorState(new JobRegistry(), new CoordinatorOptions());
        restored.Restore(state.Snapshot());

        Assert.Equal(("wide", 1000L), (restored.Progress().Single().Name, restored.Progress().Single().Total));
        var dispatched = restored.DecideDispatch("w", 2, DateTime.UtcNow);
        foreach (var e in dispatched) restored.Apply(e);
        Assert.Equal([0.0, 1.0], dispatched.OfType<TrialsDispatched>().SelectMany(restored.Assignments).Select(a => a.Parameters.GetReal("sleep_ms", -1)));
    }
}
