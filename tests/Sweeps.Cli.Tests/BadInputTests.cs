using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>Every bad input gets an error naming what was wrong and what would be right, a non-zero exit, and no harm to the store.</summary>
public sealed class BadInputTests
{
    private readonly string _folder = TestStores.NewFolder();

    private string Database => Path.Combine(_folder, "sweeps.db");

    [Theory]
    [InlineData("name: a\njob: nope\n", "bad.yaml:2: job: unknown job kind 'nope'", "noop")]
    [InlineData("name: a\njob: noop\nsampler: grid\nparameters:\n  sleep_ms: {min: 5, max: 1}\n", "bad.yaml:5: parameters.sleep_ms", "min")]
    [InlineData("name: a\njob: noop\nparameters:\n  sleep_ms: {min: 0, max: 10}\n", "bad.yaml:4: parameters.sleep_ms", "steps")]
    [InlineData("name: a\njob: noop\nparameters:\n  dimension: [1, 2]\n", "bad.yaml:4: parameters.dimension: job 'noop' takes no parameter 'dimension'", "sleep_ms")]
    [InlineData("name: a\njob: noop\nsampler: random\n", "bad.yaml:1: trials", "add trials: N")]
    [InlineData("name: a\njob: noop\nobjective: {metric: nope, goal: maximize}\n", "bad.yaml:3", "value")]
    [InlineData("name: a\njob: noop\n  indented: badly\n", "bad.yaml:3", "yaml")]
    public void A_bad_spec_names_file_line_and_field_and_nothing_runs(string yaml, string where, string hint)
    {
        var spec = Files.Write(_folder, "bad.yaml", yaml);
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);
        Assert.Equal(2, code);
        Assert.Contains("error: the spec cannot run", errors);
        Assert.Contains(where, errors);
        Assert.Contains(hint, errors);
        Assert.DoesNotContain("submitted", output + errors);
        Assert.False(File.Exists(Database), "a bad spec must not even create the store");
    }

    [Fact]
    public void A_missing_spec_file_says_which_file()
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, "run", "no-such.yaml");
        Assert.Equal(2, code);
        Assert.Contains("no-such.yaml", errors);
    }

    [Fact]
    public void A_changed_spec_under_a_stored_name_is_refused_with_the_difference_and_the_store_is_untouched()
    {
        var spec = Files.Write(_folder, "a.yaml", SpecFiles.Noop(name: "kept", trials: 10, sleepMs: 0));
        Assert.Equal(0, SweepsProcess.Run(_folder, "run", spec).ExitCode);
        var before = Files.Query(Database, "SELECT * FROM trials ORDER BY trial_index").Select(r => string.Join("|", r)).ToList();

        var changed = Files.Write(_folder, "a.yaml", SpecFiles.Noop(name: "kept", trials: 8, sleepMs: 0)); // fewer: more would extend it
        var (code, _, errors) = SweepsProcess.Run(_folder, "run", changed);
        Assert.Equal(2, code);
        Assert.Contains("a.yaml:1: name: a sweep named 'kept' is already in", errors);
        Assert.Contains("trials: stored 10, now 8", errors);
        Assert.Contains("give this sweep a new name", errors);
        Assert.Equal(before, Files.Query(Database, "SELECT * FROM trials ORDER BY trial_index").Select(r => string.Join("|", r)));
    }

    [Theory]
    [InlineData("--workers", "0", "--workers: 0 is not a number of slots; give 1 to 1024")]
    [InlineData("--log-format", "xml", "--log-format: 'xml' is not a log format; use text or json")]
    public void A_bad_option_says_what_would_be_right(string option, string value, string message)
    {
        var spec = Files.Write(_folder, "ok.yaml", SpecFiles.Noop(trials: 1, sleepMs: 0));
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(message, output + errors);
    }

    [Fact]
    public void A_store_in_a_missing_folder_is_named()
    {
        var spec = Files.Write(_folder, "ok.yaml", SpecFiles.Noop(trials: 1, sleepMs: 0));
        var (code, _, errors) = SweepsProcess.Run(_folder, "run", spec, "--db", Path.Combine(_folder, "missing", "x.db"));
        Assert.Equal(3, code);
        Assert.Contains("the folder " + Path.Combine(_folder, "missing") + " does not exist", errors);
    }

    [Fact]
    public void Asking_for_an_unknown_sweep_lists_the_known_ones()
    {
        var spec = Files.Write(_folder, "ok.yaml", SpecFiles.Noop(name: "known", trials: 1, sleepMs: 0));
        Assert.Equal(0, SweepsProcess.Run(_folder, "run", spec).ExitCode);
        foreach (var command in new[] { "query", "status" })
        {
            var (code, _, errors) = SweepsProcess.Run(_folder, command, "unknown");
            Assert.Equal(2, code);
            Assert.Contains("no sweep named 'unknown'", errors);
            Assert.Contains("it has: known", errors);
        }
    }

    [Theory]
    [InlineData(new[] { "coordinator", "--host", "0.0.0.0", "--public-host", "10.0.0.1", "--insecure", "--db", "local.db" }, "SQLite (", "give a PostgreSQL connection string")]
    [InlineData(new[] { "worker" }, "--seed: a worker needs the coordinator's address", "--seed 127.0.0.1:4053")]
    [InlineData(new[] { "worker", "--seed", "nohost" }, "--seed: 'nohost' is not a seed; give host:port", "127.0.0.1:4053")]
    [InlineData(new[] { "worker", "--seed", "127.0.0.1:4053", "--checkpoint-dir", "/etc/hostname" }, "--checkpoint-dir: /etc/hostname is a file, not a folder", "a file, not a folder")]
    [InlineData(new[] { "worker", "--seed", "127.0.0.1:4053", "--checkpoint-dir", " " }, "--checkpoint-dir: give a folder every worker shares", "/mnt/sweeps/checkpoints")]
    [InlineData(new[] { "worker", "--seed", "127.0.0.1:4053", "--trial-timeout", "0" }, "--trial-timeout: 0 is not a time", "seconds above 0")]
    [InlineData(new[] { "submit", "x.yaml", "--server", "ftp://here" }, "--server: 'ftp://here' is not an http:// or https:// address", "http://127.0.0.1:4080")]
    [InlineData(new[] { "submit", "x.yaml", "--tls-ca", "missing.pem" }, "--tls-ca: missing.pem does not exist", "the cluster's CA certificate")]
    [InlineData(new[] { "coordinator", "--http-port", "70000" }, "--http-port: 70000 is not a port", "0 for no HTTP API")]
    [InlineData(new[] { "coordinator", "--port", "70000" }, "--port: 70000 is not a port", "1 to 65535")]
    [InlineData(new[] { "pause", "s", "--token", "swt_x", "--server", "http://127.0.0.1:4080" }, "--token: http://127.0.0.1:4080 is plain http", "use https://")]
    [InlineData(new[] { "coordinator", "--tls-certificate", "node.pfx" }, "--tls-certificate and --tls-ca go together", "or neither")]
    [InlineData(new[] { "coordinator", "--tls-certificate", "missing.pfx", "--tls-ca", "ca.pem" }, "--tls-certificate: missing.pfx does not exist", ".pfx/.p12")]
    [InlineData(new[] { "submit", "x.yaml", "--port", "5000" }, "Unknown option 'port'", "error: ")]
    [InlineData(new[] { "worker", "--seed", "127.0.0.1:4053", "--bogus" }, "Unknown option 'bogus'", "error: ")]
    public void A_bad_cluster_command_line_says_what_would_be_right(string[] args, string problem, string hint)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, args);
        Assert.Equal(2, code);
        Assert.Contains(problem, output + errors);
        Assert.Contains(hint, output + errors);
    }

    [Theory]
    [InlineData(new[] { "bench", "overhead", "--trials", "0" }, "--trials: 0 is too few", "1 or more")]
    [InlineData(new[] { "bench", "overhead", "--sleep-ms", "-1" }, "--sleep-ms: -1 is not a wait", "0 to 60000 ms")]
    [InlineData(new[] { "bench", "cluster", "--worker-processes", "2,x" }, "--worker-processes: '2,x' is not a list", "2,4")]
    [InlineData(new[] { "bench", "failover", "--repeats", "0" }, "--repeats: 0 is too few", "1 or more")]
    [InlineData(new[] { "bench", "failover", "--trial-ms", "5" }, "--trial-ms: 5 is too short", "100 or more")]
    [InlineData(new[] { "bench", "recovery", "--trials", "many" }, "--trials: 'many' is not a list", "10000,100000")]
    [InlineData(new[] { "bench", "geometry", "--dimensions", "0" }, "--dimensions: '0' is not a dimension", "2,100,1000")]
    [InlineData(new[] { "bench", "lstm", "--variant", "XYZ" }, "--variant: unknown variant 'XYZ'", "cifg")]
    [InlineData(new[] { "bench", "search", "--trials", "0" }, "--trials: 0 is out of range", "1 to 10000")]
    [InlineData(new[] { "bench", "search", "--seeds", "5000" }, "--seeds: 5000 is out of range", "1 to 1000")]
    [InlineData(new[] { "bench", "search", "--asha-configurations", "-1" }, "--asha-configurations: -1 is out of range", "0 to 729")]
    public void A_bad_benchmark_option_says_what_would_be_right(string[] args, string problem, string hint)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, args);
        Assert.NotEqual(0, code);
        Assert.Contains(problem, output + errors);
        Assert.Contains(hint, output + errors);
    }

    [Fact]
    public void Submitting_to_a_cluster_that_is_not_there_says_so_and_a_bad_spec_is_refused_before_asking()
    {
        var spec = Files.Write(_folder, "ok.yaml", SpecFiles.Noop(trials: 1, sleepMs: 0));
        var (first, second) = (FreePort.Next(), FreePort.Next());
        var (code, output, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", $"http://127.0.0.1:{first}", "--server", $"http://127.0.0.1:{second}");
        Assert.Equal(1, code);
        Assert.Equal($"error: no coordinator answered: http://127.0.0.1:{first}/: connection refused; http://127.0.0.1:{second}/: connection refused", errors.Trim());
        Assert.Equal("", output);

        var broken = Files.Write(_folder, "broken.yaml", "name: broken\njob: nop\n");
        (code, output, errors) = SweepsProcess.Run(_folder, "submit", broken, "--server", $"http://127.0.0.1:{first}");
        Assert.Equal(2, code);
        Assert.Contains("broken.yaml:2: job: unknown job kind 'nop'", errors);
        Assert.Equal("", output);
    }
}
