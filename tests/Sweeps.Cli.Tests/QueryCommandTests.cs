using System.Text.Json;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps query</c> and <c>sweeps status</c> against a store a real run wrote.</summary>
public sealed class QueryCommandTests : IClassFixture<QueryCommandTests.RunOnce>
{
    private readonly string _folder;

    public QueryCommandTests(RunOnce run) => _folder = run.Folder;

    /// <summary>One grid sweep over sleep_ms with replicates, run once for all the tests here.</summary>
    public sealed class RunOnce
    {
        public RunOnce()
        {
            Folder = TestStores.NewFolder();
            var spec = Files.Write(Folder, "grid.yaml", """
                name: grid
                job: noop
                sampler: grid
                seed: 3
                replicates: 2
                parameters:
                  sleep_ms: [0, 1, 2]
                  fail: [false, true]
                objective: {metric: value, goal: maximize}
                """);
            var (code, output, errors) = SweepsProcess.Run(Folder, "run", spec, "--workers", "2");
            Assert.True(code == 1, output + errors); // half the trials fail on purpose: exit 1 says so
        }

        public string Folder { get; }
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_a_trial_with_parameters_and_metrics_as_columns()
    {
        var (code, output, _) = SweepsProcess.Run(_folder, "query", "grid", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("trial,replicate,status,sleep_ms,fail,value,attempt,worker,started_at,ended_at,duration_ms,seed,error,host,details", lines[0]);
        Assert.Equal(13, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("0,0,completed,0,false,") );
        Assert.Contains(lines, l => l.StartsWith("2,0,failed,0,true,,1,") && l.EndsWith($"InvalidOperationException: noop was asked to fail (fail: true),{Environment.MachineName},"));
    }

    [Fact]
    public void Where_sort_desc_and_limit_pick_the_best_matching_trials()
    {
        var (code, output, _) = SweepsProcess.Run(_folder, "query", "grid", "--format", "json", "--where", "status = completed and sleep_ms >= 1", "--sort", "value", "--desc", "--limit", "3");
        Assert.Equal(0, code);
        var trials = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(3, trials.Count);
        var values = trials.Select(t => t.GetProperty("metrics").GetProperty("value").GetDouble()).ToList();
        Assert.Equal(values.OrderDescending(), values);
        Assert.All(trials, t => Assert.True(t.GetProperty("parameters").GetProperty("sleep_ms").GetInt64() >= 1));
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
    }

    [Fact]
    public void A_bad_where_points_at_the_bad_part()
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, "query", "grid", "--where", "sleep_ms >= 1 and fraction < 0.5");
        Assert.Equal(2, code);
        Assert.Contains("--where: unknown field 'fraction'; this sweep has:", errors);
        Assert.Contains("  sleep_ms >= 1 and fraction < 0.5", errors);
        Assert.Contains("                    ^", errors);
    }

    [Theory]
    [InlineData("--format", "xml", "--format: 'xml' is not a format; use table, csv, json or parquet")]
    [InlineData("--sort", "nope", "--sort: unknown field 'nope'")]
    [InlineData("--limit", "-1", "--limit: -1 is negative")]
    public void A_bad_option_says_what_would_be_right(string option, string value, string message)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, "query", "grid", option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(message, output + errors);
    }

    [Fact]
    public void Status_lists_the_sweep_with_its_counts_and_shows_it_in_detail()
    {
        var (code, output, _) = SweepsProcess.Run(_folder, "status");
        Assert.Equal(0, code);
        Assert.Contains("grid", output);
        Assert.Contains("finished", output);

        (code, output, _) = SweepsProcess.Run(_folder, "status", "grid");
        Assert.Equal(0, code);
        Assert.Contains("12: 6 completed, 6 failed, 0 running, 0 pending", output);
        Assert.Contains("noop was asked to fail", output);
    }

    [Fact]
    public void Compare_summarises_each_group_and_tests_it_against_the_baseline()
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, "compare", "grid", "--by", "sleep_ms", "--baseline", "0", "--where", "fail = false");
        Assert.True(code == 0, output + errors);
        Assert.Contains("grid: value by sleep_ms (higher is better)", output);
        Assert.Contains("p vs 0", output);
        Assert.Contains("Welch's two-sided t-test", output);

        (code, _, errors) = SweepsProcess.Run(_folder, "compare", "grid", "--by", "nope");
        Assert.Equal(2, code);
        Assert.Contains("--by: 'nope' is not a parameter of this sweep; it has: sleep_ms, fail", errors);
        (code, _, errors) = SweepsProcess.Run(_folder, "compare", "grid", "--by", "sleep_ms", "--baseline", "7");
        Assert.Equal(2, code);
        Assert.Contains("--baseline: no completed trials with sleep_ms = 7; groups: 0, 1, 2", errors);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var (code, output, _) = SweepsProcess.Run(_folder, "--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "run", "status", "query", "bench" }) Assert.Contains(command, output);
        (code, output, _) = SweepsProcess.Run(_folder, "query", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--where", "--sort", "--desc", "--limit", "--format", "--db" }) Assert.Contains(option, output);
    }
}
