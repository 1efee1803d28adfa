using Sweeps.Core.Jobs;
using System.Net;
using System.Text.Json;
using Akka.Actor;
using Sweeps.Cluster.Hosting;
using Sweeps.Server.Tests.Support;

namespace Sweeps.Server.Tests;

/// <summary>The API over a real embedded node and SQLite store, spoken as raw HTTP: status codes, JSON bodies, event-stream lines.</summary>
public sealed class SweepsApiTests : IAsyncLifetime
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

    [Fact]
    public async Task A_spec_posted_as_yaml_is_submitted_listed_streamed_to_its_end_and_shown_with_its_spec()
    {
        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("first", trials: 20, sleepMs: 20));
        Assert.Equal(200, status);
        var sweep = body.GetProperty("sweeps")[0];
        Assert.Equal(("first", true, false, 20L), (sweep.Text("name"), sweep.GetProperty("accepted").GetBoolean(), sweep.GetProperty("existing").GetBoolean(), sweep.Number("totalTrials")));

        (status, body) = await Json.GetAsync(_http, "/api/v1/sweeps");
        Assert.Equal(200, status);
        Assert.Equal("first", body.GetProperty("sweeps")[0].Text("name"));
        Assert.Equal(20, body.GetProperty("sweeps")[0].Number("total"));

        var events = await EventStream.ReadUntilAsync(_http, "/api/v1/sweeps/first/events", e => e.Name == "end");
        var end = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal(("end", "finished", 20L, 20L), (events[^1].Name, end.Text("state"), end.Number("done"), end.Number("completed")));
        Assert.All(events[..^1], e => Assert.Equal("progress", e.Name));
        Assert.Equal(events.Select((_, i) => (i + 1).ToString()), events.Select(e => e.Id));

        // The store's row lands a moment after the coordinator's count: wait for it rather than for a fixed time.
        JsonElement details;
        while (((status, details) = await Json.GetAsync(_http, "/api/v1/sweeps/first")) is (200, var shown) && !shown.TryGetProperty("job", out _))
            await Task.Delay(50);
        Assert.Equal(200, status);
        Assert.Equal(("noop", "random", 20L), (details.Text("job"), details.Text("sampler"), details.GetProperty("status").Number("done")));
        Assert.Contains("job: noop", details.Text("spec"));
        Assert.Empty(details.GetProperty("firstErrors").EnumerateArray());

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("first", trials: 20, sleepMs: 20), "text/plain");
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("sweeps")[0].GetProperty("existing").GetBoolean());
    }

    [Fact]
    public async Task Specs_posted_as_json_are_submitted_together()
    {
        var json = JsonSerializer.Serialize(new { specs = new[] { Specs.Noop("one", trials: 3), Specs.Noop("two", trials: 4) } });
        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", json, "application/json");
        Assert.Equal(200, status);
        Assert.Equal(["one", "two"], body.GetProperty("sweeps").EnumerateArray().Select(s => s.Text("name")));
    }

    [Fact]
    public async Task The_origin_a_client_sends_is_recorded_and_shown_bounded_and_a_bare_yaml_post_records_its_address()
    {
        var json = JsonSerializer.Serialize(new
        {
            specs = new[] { Specs.Noop("from-laptop", trials: 2) },
            origin = new { version = "0.10.0", host = "laptop-3", user = "ada\u0007" + new string('x', 500), gitCommit = "abc123", gitDirty = true },
        });
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", json, "application/json")).Status);
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("from-curl", trials: 2))).Status);

        var origin = await OriginOf("from-laptop");
        Assert.Equal(("0.10.0", "laptop-3", "abc123", true), (origin.Text("version"), origin.Text("host"), origin.Text("gitCommit"), origin.GetProperty("gitDirty").GetBoolean()));
        Assert.Equal("ada?" + new string('x', 196), origin.Text("user")); // control characters replaced, cut at 200
        var bare = await OriginOf("from-curl");
        Assert.Equal("127.0.0.1", bare.Text("host"));
        Assert.False(bare.TryGetProperty("gitCommit", out _));
    }

    private async Task<JsonElement> OriginOf(string sweep)
    {
        // The store's row lands a moment after the submit: wait for it rather than for a fixed time.
        while (true)
        {
            var (status, details) = await Json.GetAsync(_http, $"/api/v1/sweeps/{sweep}");
            Assert.Equal(200, status);
            if (details.TryGetProperty("origin", out var origin)) return origin;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Pause_resume_and_cancel_change_the_sweep_and_the_stream_ends_when_cancelled()
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("steered", trials: 500, sleepMs: 50))).Status);

        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/steered/pause");
        Assert.Equal((200, "paused", "sweep 'steered' is now paused"), (status, body.Text("state"), body.Text("message")));
        Assert.Equal("paused", (await Json.GetAsync(_http, "/api/v1/sweeps/steered")).Body.GetProperty("status").Text("state"));
        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/steered/pause");
        Assert.Equal((409, "sweep 'steered' is already paused"), (status, body.Text("error")));

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/steered/resume");
        Assert.Equal((200, "running"), (status, body.Text("state")));

        var stream = EventStream.ReadUntilAsync(_http, "/api/v1/sweeps/steered/events", e => e.Name == "end");
        (status, _) = await Json.PostAsync(_http, "/api/v1/sweeps/steered/cancel");
        Assert.Equal(200, status);
        var events = await stream;
        Assert.Equal("cancelled", JsonDocument.Parse(events[^1].Data).RootElement.Text("state"));

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps/steered/resume");
        Assert.Equal((409, "sweep 'steered' is cancelled; it cannot be changed any more"), (status, body.Text("error")));
    }

    [Theory]
    [InlineData("GET", "/api/v1/sweeps/nowhere")]
    [InlineData("POST", "/api/v1/sweeps/nowhere/pause")]
    [InlineData("POST", "/api/v1/sweeps/nowhere/cancel")]
    [InlineData("GET", "/api/v1/sweeps/nowhere/events")]
    public async Task An_unknown_sweep_is_404_with_the_sweeps_there_are(string method, string path)
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("known", trials: 2))).Status);
        var (status, body) = await Json.SendAsync(_http, new HttpMethod(method), path);
        Assert.Equal((404, "no sweep named 'nowhere'; known: known"), (status, body.Text("error")));
    }

    [Fact]
    public async Task A_bad_spec_is_422_with_each_problem_at_its_line_and_nothing_is_submitted()
    {
        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", """
            name: broken
            job: nop
            sampler: random
            trials: -3
            """);
        Assert.Equal(422, status);
        Assert.Equal("the spec cannot run (2 problems); nothing was submitted", body.Text("error"));
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("spec:2: job: unknown job kind 'nop' (did you mean 'noop'?"));
        Assert.Contains(problems, p => p.StartsWith("spec:4: trials:"));
        Assert.Empty((await Json.GetAsync(_http, "/api/v1/sweeps")).Body.GetProperty("sweeps").EnumerateArray());

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", "name: [unclosed");
        Assert.Equal(422, status);
        Assert.StartsWith("spec:1: yaml: the list opened here with [ (column 7) is not closed", body.GetProperty("problems")[0].GetString());
    }

    [Fact]
    public async Task The_same_name_with_another_spec_is_refused_by_the_coordinator_with_the_difference()
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("twice", trials: 5))).Status);
        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("twice", trials: 4));
        Assert.Equal(422, status);
        Assert.Equal("the coordinator refused sweep 'twice'", body.Text("error"));
        Assert.Contains(body.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("twice: ") && p.GetString()!.Contains("trials"));
        Assert.False(body.GetProperty("sweeps")[0].GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task A_spec_nested_50_000_deep_is_refused_with_the_reason_as_yaml_and_inside_json_and_the_api_keeps_serving()
    {
        var deep = "name: deep\njob: noop\nparameters:\n  sleep_ms: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", deep);
        Assert.Equal(422, status);
        Assert.Contains("nested more than 64 deep", body.GetProperty("problems")[0].GetString());

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", JsonSerializer.Serialize(new { specs = new[] { deep } }), "application/json");
        Assert.Equal(422, status);
        Assert.Contains("nested more than 64 deep", body.GetProperty("problems")[0].GetString());

        (status, _) = await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("after-deep", trials: 3));
        Assert.Equal(200, status);
        var events = await EventStream.ReadUntilAsync(_http, "/api/v1/sweeps/after-deep/events", e => e.Name == "end");
        Assert.Equal("finished", JsonDocument.Parse(events[^1].Data).RootElement.Text("state"));
    }

    [Fact]
    public async Task A_body_past_the_limit_is_413_and_a_body_of_another_kind_is_named()
    {
        var huge = "name: big\n# " + new string('x', 2 << 20) + "\n";
        var (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", huge);
        Assert.Equal((413, "the body is larger than 1024 KiB, the most a spec may be; split the sweeps into several files"), (status, body.Text("error")));

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", "name=x", "application/x-www-form-urlencoded");
        Assert.Equal(415, status);
        Assert.Contains("Content-Type: application/yaml", body.Text("error"));

        (status, body) = await Json.PostAsync(_http, "/api/v1/sweeps", "{\"specs\": [1,", "application/json");
        Assert.Equal(400, status);
        Assert.StartsWith("the body is not valid JSON", body.Text("error"));
    }

    [Fact]
    public async Task A_sweep_with_failed_trials_shows_its_first_errors()
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("failing", trials: 8, fail: true))).Status);
        await EventStream.ReadUntilAsync(_http, "/api/v1/sweeps/failing/events", e => e.Name == "end");
        JsonElement details;
        while ((details = (await Json.GetAsync(_http, "/api/v1/sweeps/failing")).Body).GetProperty("firstErrors").GetArrayLength() < 5)
            await Task.Delay(50);
        Assert.Equal(8, details.GetProperty("status").Number("failed"));
        Assert.Equal([0L, 1, 2, 3, 4], details.GetProperty("firstErrors").EnumerateArray().Select(e => e.Number("trial")));
        Assert.All(details.GetProperty("firstErrors").EnumerateArray(), e => Assert.NotEmpty(e.Text("error")));
    }

    [Fact]
    public async Task A_client_that_reconnects_with_last_event_id_continues_the_stream()
    {
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps", Specs.Noop("long", trials: 200, sleepMs: 50))).Status);
        var first = await EventStream.ReadUntilAsync(_http, "/api/v1/sweeps/long/events", e => e.Id == "2");
        var again = await EventStream.ReadUntilAsync(_http, "/api/v1/sweeps/long/events", _ => true, lastEventId: first[^1].Id);
        Assert.Equal("3", again[0].Id);
        Assert.Equal("progress", again[0].Name);
        Assert.Equal(200, (await Json.PostAsync(_http, "/api/v1/sweeps/long/cancel")).Status);
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing")]
    [InlineData("GET", "/api/v2/sweeps")]
    [InlineData("DELETE", "/api/v1/sweeps/x/pause")]
    public async Task An_endpoint_that_is_not_there_is_404_with_the_ones_that_are(string method, string path)
    {
        var (status, body) = await Json.SendAsync(_http, new HttpMethod(method), path);
        Assert.Equal(404, status);
        Assert.StartsWith($"no endpoint {method} {path}; this server speaks /api/v1: sweeps,", body.Text("error"));
    }

    [Fact]
    public async Task Health_says_the_coordinator_answers()
    {
        var (status, body) = await Json.GetAsync(_http, "/api/v1/health");
        Assert.Equal((200, "ok", true), (status, body.Text("status"), body.GetProperty("coordinator").GetBoolean()));
    }

    [Fact]
    public async Task A_coordinator_that_does_not_answer_is_503_with_a_clear_message()
    {
        var silent = _node.Node.System.ActorOf(Props.Empty, "silent");
        await using var api = await SweepsApiHost.StartAsync(new SweepsApiOptions { Port = 0, AskTimeout = TimeSpan.FromMilliseconds(300) }, silent, _node.Node.Store!, new JobRegistry().Register(NoopJob.Definition));
        using var http = new HttpClient { BaseAddress = api.Address };
        var (status, body) = await Json.GetAsync(http, "/api/v1/sweeps");
        Assert.Equal(503, status);
        Assert.StartsWith("the coordinator did not answer within 0.3 s", body.Text("error"));
        Assert.Equal(503, (await Json.GetAsync(http, "/api/v1/health")).Status);

        await using var unstarted = await SweepsApiHost.StartAsync(new SweepsApiOptions { Port = 0 }, () => null, _node.Node.Store!, new JobRegistry().Register(NoopJob.Definition));
        using var early = new HttpClient { BaseAddress = unstarted.Address };
        (status, body) = await Json.PostAsync(early, "/api/v1/sweeps/x/pause");
        Assert.Equal((503, "this node's coordinator is not started yet; try again, or another coordinator node"), (status, body.Text("error")));
    }
}
