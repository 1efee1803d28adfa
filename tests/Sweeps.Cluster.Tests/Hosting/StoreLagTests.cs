using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Cluster.Workers;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Cluster.Tests.Hosting;

/// <summary>The results tables catch up with the coordinator's journal while the node runs, not only when it stops.</summary>
public sealed class StoreLagTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public async Task The_store_lag_returns_to_zero_after_a_sweep_while_the_node_still_runs(string kind)
    {
        var location = TestStores.Create(kind);
        await using var node = await SweepsNode.StartAsync(new SweepsNodeOptions(location) { Worker = new WorkerOptions { Slots = 2 } }, Specs.Jobs);
        await node.SubmitAsync([Specs.Parse(trials: 2_000)]);
        while (!(await node.ProgressAsync()).Sweeps.Single().IsOver) await Task.Delay(20);

        var store = ResultStore.Open(location);
        StoreLag? lag;
        while ((lag = store.Lag(ResultsProjection.Name, SweepCoordinator.JournalId)) is not { Events: 0 }) await Task.Delay(20);

        Assert.True(lag.JournalHighest > 0);
        Assert.Equal(2_000, store.Summarize(store.FindSweep("noop-sweep")!).Completed);
    }
}
