using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Serialization;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Cluster.Workers;
using Sweeps.TestSupport;
using SerializationException = System.Runtime.Serialization.SerializationException;

namespace Sweeps.Cluster.Tests.Hosting;

/// <summary>The node as <see cref="NodeHosting.AddSweepsNode"/> wires it on the generic host.</summary>
public sealed class NodeHostingTests
{
    [Fact]
    public async Task Sweeps_messages_go_through_the_sweeps_serializer_and_anything_unregistered_is_refused()
    {
        await using var node = await SweepsNode.StartAsync(new SweepsNodeOptions(TestStores.Create(TestStores.Sqlite)) { Worker = null }, Specs.Jobs);

        Assert.IsType<SweepsSerializer>(node.System.Serialization.FindSerializerFor(GetProgress.Instance));
        Assert.ThrowsAny<SerializationException>(() => node.System.Serialization.FindSerializerFor(new NotAMessage("x")));
    }

    [Fact]
    public async Task Stopping_the_host_hands_running_trials_back_through_coordinated_shutdown()
    {
        var store = TestStores.Create(TestStores.Sqlite);
        var node = await SweepsNode.StartAsync(new SweepsNodeOptions(store) { Worker = new WorkerOptions { Slots = 2 } }, Specs.Jobs);
        await node.SubmitAsync([Specs.Parse(trials: 4, sleepMs: 600_000)]);
        while ((await node.ProgressAsync()).Sweeps.Single().Running < 2) await Task.Delay(20);

        await node.DisposeAsync();

        var results = Sweeps.Store.ResultStore.Open(store);
        var summary = results.Summarize(results.FindSweep("noop-sweep")!);
        Assert.Equal(0, summary.Running);
        Assert.Equal(0, summary.Done);
    }

    private sealed record NotAMessage(string Text);
}
