using Sweeps.Server.Client;
using Sweeps.Server.Tests.Support;

namespace Sweeps.Server.Tests;

/// <summary>The client the CLI uses: fail-over between listed servers, refusals with the server's sentence, following a stream to its end.</summary>
public sealed class SweepsClientTests : IAsyncLifetime
{
    private ApiNode _node = null!;

    public async Task InitializeAsync() => _node = await ApiNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static Uri Nowhere()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_passed_over_for_the_next_and_the_sweep_is_followed_to_its_end()
    {
        using var client = new SweepsClient(new SweepsClientOptions([Nowhere(), _node.Address]));
        var submitted = await client.SubmitAsync([Specs.Noop("followed", trials: 30, sleepMs: 10)], CancellationToken.None);
        Assert.Equal("followed", submitted.Sweeps.Single().Name);
        Assert.Equal(_node.Address, client.Server);

        var seen = new List<SweepStatus>();
        var end = await client.FollowAsync("followed", seen.Add, CancellationToken.None);
        Assert.Equal(("finished", 30L), (end.State, end.Done));
        Assert.Equal(end, seen[^1]);
    }

    [Fact]
    public async Task A_refusal_carries_the_server_s_sentence_and_no_server_at_all_says_which_were_tried()
    {
        using var client = new SweepsClient(new SweepsClientOptions([_node.Address]));
        var refused = await Assert.ThrowsAsync<SweepsApiException>(() => client.ChangeStateAsync("ghost", "pause", CancellationToken.None));
        Assert.Equal((404, "no sweep named 'ghost'; none has been submitted", false), (refused.Status, refused.Message, refused.Unreachable));

        var nowhere = Nowhere();
        using var lost = new SweepsClient(new SweepsClientOptions([nowhere]));
        var unreachable = await Assert.ThrowsAsync<SweepsApiException>(() => lost.ListAsync(CancellationToken.None));
        Assert.Equal($"no coordinator answered: {nowhere}: connection refused", unreachable.Message);
        Assert.True(unreachable.Unreachable);
    }
}
