using System.Text.Json;
using Sweeps.Server.Tests.Support;

namespace Sweeps.Server.Tests;

/// <summary><c>POST /api/v1/sweeps/{name}/retry</c> over a real embedded node and SQLite store, spoken as raw HTTP.</summary>
public sealed class RetryApiTests : IAsyncLifetime
{
    private ApiNode _node = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _node = await ApiNode.StartAsync();
        _http = _node.Http();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _node.DisposeAsync();
    }

    private async Task<JsonElement> Ended(string sweep)
    {
        var events = await EventStream.ReadUntilAsync(_http, $"/api/v1/sweeps/{sweep}/events", e => e.Name == "end");
        return JsonDocument.Parse(events[^1].Data).RootElement.Clone();
    }

    [Fact]
    public async Task Failed_trials_run_again_each_time_they_are_retried_and_the_sweep_finishes_again()
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("failing", trials: 4, fail: true))).Status);
        Assert.Equal(("finished", 4L), ((await Ended("failing")).Text("state"), (await Ended("failing")).Number("failed")));

        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/failing/retry");
        Assert.Equal((200, 4L, 0L, "sweep 'failing': 4 failed trials will run again as new attempts"),
            (status, body.Number("failed"), body.Number("pruned"), body.Text("message")));
        var end = await Ended("failing"); // the noop job fails again: the sweep finishes again with them failed
        Assert.Equal(("finished", 4L, 4L), (end.Text("state"), end.Number("failed"), end.Number("done")));

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/failing/retry", """{"failed": true}""", "application/json");
        Assert.Equal((200, 4L), (status, body.Number("failed")));
        Assert.Equal("finished", (await Ended("failing")).Text("state"));
    }

    [Theory]
    [InlineData("/api/v1/sweeps/failing/retry?pruned", null, 409, "sweep 'failing' has no pruned trials")]
    [InlineData("/api/v1/sweeps/failing/retry?failed=false&pruned=true", null, 409, "sweep 'failing' has no pruned trials")]
    [InlineData("/api/v1/sweeps/nowhere/retry", null, 404, "no sweep named 'nowhere'; known: failing")]
    [InlineData("/api/v1/sweeps/failing/retry?failed=maybe", null, 400, "query parameter 'failed' is 'maybe'; give true or false")]
    [InlineData("/api/v1/sweeps/failing/retry?failed&failed", null, 400, "query parameter 'failed' is given 2 times; give it once")]
    [InlineData("/api/v1/sweeps/failing/retry?everything=1", null, 400, "unknown query parameter 'everything'; a retry takes failed and pruned (?failed&pruned)")]
    [InlineData("/api/v1/sweeps/failing/retry", "{\"failed\": ", 400, "the body is not valid JSON")]
    [InlineData("/api/v1/sweeps/failing/retry", "{\"failed\": \"yes\"}", 400, "the body is not valid JSON")]
    public async Task A_retry_that_cannot_be_done_says_why_with_the_status_that_fits(string path, string? body, int expected, string error)
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("failing", trials: 2))).Status);
        Assert.Equal("finished", (await Ended("failing")).Text("state"));

        var (status, answer) = await Json.PostAsync(_http, path, body, "application/json");
        Assert.Equal(expected, status);
        Assert.StartsWith(error, answer.Text("error"));
    }

    [Fact]
    public async Task A_body_larger_than_two_flags_is_refused_unread()
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("failing", trials: 2))).Status);
        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/failing/retry", new string(' ', 4096) + "{}", "application/json");
        Assert.Equal((413, "the body is larger than 1024 bytes; a retry takes {\"failed\": true, \"pruned\": false} or nothing"), (status, body.Text("error")));
    }
}
