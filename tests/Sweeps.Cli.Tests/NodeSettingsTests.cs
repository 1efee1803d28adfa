using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>Node settings in layers (defaults, JSON file, SWEEPS_* environment, flags) and the rules that keep a node safe.</summary>
public sealed class NodeSettingsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void Nodes_take_their_settings_from_a_json_file_the_environment_wins_over_it_and_flags_win_over_both()
    {
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var config = Files.Write(_folder, "sweeps.json", $$"""
            // comments are allowed, as in config/sweeps.json
            {
              "Db": "from-config.db",
              "Coordinator": { "Port": {{port}}, "LeaseSeconds": 20, "HttpPort": {{http}} },
              "Worker": { "Slots": 3, "Name": "from-file" },
              "StableAfterSeconds": 5
            }
            """);
        var environment = new Dictionary<string, string>
        {
            ["SWEEPS_SEEDS"] = $"127.0.0.1:{port}",
            ["SWEEPS_CONFIG"] = config,
            ["SWEEPS_WORKER__NAME"] = "from-environment",
            ["SWEEPS_WORKER__SLOTS"] = "1",
        };
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--config", config);
        coordinator.WaitForLog($"Coordinator node listening on 127.0.0.1:{port}", Patience);
        using var worker = SweepsProcess.StartWith(environment, _folder, "worker", "--slots", "2");

        worker.WaitForLog("welcomed by the coordinator", Patience);
        Assert.Contains("Worker from-environment with 2 slots", worker.Errors);
        Assert.Contains($"Settings from {config}", coordinator.Errors);
        Assert.Contains($"HTTP API listening on http://127.0.0.1:{http}/", coordinator.Errors);
        Assert.True(File.Exists(Path.Combine(_folder, "from-config.db")));
    }

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "broken.json", "{ \"Coordinator\": { \"Port\": [1, 2 }", "broken.json: not a valid JSON settings file" },
        { "wrong.json", "{ \"Coordinator\": { \"Port\": \"lots\" } }", "wrong.json: Coordinator:Port: 'lots' is not a whole number" },
        { "typo.json", "{ \"Coordinater\": { \"Port\": 4053 } }", "typo.json: unknown setting(s) Coordinater" },
        { "flag.json", "{ \"Insecure\": \"maybe\" }", "flag.json: Insecure: 'maybe' is not true or false" },
    };

    [Theory, MemberData(nameof(BadFiles))]
    public void A_settings_file_that_is_wrong_is_named_with_the_key_and_nothing_starts(string name, string text, string message)
    {
        var file = Files.Write(_folder, name, text);
        var (code, output, errors) = SweepsProcess.Run(_folder, "coordinator", "--config", file);
        Assert.Equal(2, code);
        Assert.Contains(message, errors);
        Assert.DoesNotContain("   at ", errors);
        Assert.Equal("", output);
    }

    [Fact]
    public void A_settings_file_that_is_not_there_is_named()
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, "worker", "--config", "nowhere.json", "--seed", "127.0.0.1:4053");
        Assert.Equal(2, code);
        Assert.Contains("--config: nowhere.json does not exist", errors);
    }

    public static TheoryData<string[], string> Unsafe() => new()
    {
        { ["coordinator", "--host", "10.1.2.3"], "--host 10.1.2.3: refusing to listen beyond loopback without TLS" },
        { ["worker", "--host", "192.168.7.7", "--seed", "127.0.0.1:4053"], "--host 192.168.7.7: refusing to listen beyond loopback without TLS" },
        { ["coordinator", "--host", "0.0.0.0", "--insecure"], "--host 0.0.0.0 listens on every interface, so other nodes need an address to reach this one: give --public-host" },
        { ["worker", "--tls-certificate", "node.pfx", "--seed", "127.0.0.1:4053"], "--tls-certificate and --tls-ca go together" },
        { ["worker", "--seed", "nowhere", "--slots", "1"], "--seed: 'nowhere' is not a seed" },
    };

    [Theory, MemberData(nameof(Unsafe))]
    public void A_node_that_would_listen_beyond_loopback_without_tls_refuses_to_start(string[] args, string message)
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, args);
        Assert.Equal(2, code);
        Assert.Contains(message, errors);
    }

    [Fact]
    public void With_insecure_a_node_listens_beyond_loopback_and_warns_at_start()
    {
        var port = FreePort.Next();
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", "0");
        coordinator.WaitForLog("Coordinator node listening", Patience);
        using var worker = SweepsProcess.Start(_folder, "worker", "--host", "0.0.0.0", "--public-host", "127.0.0.1", "--insecure",
            "--seed", $"127.0.0.1:{port}", "--slots", "1");

        worker.WaitForLog("welcomed by the coordinator", Patience);
        Assert.Contains("INSECURE: listening on 0.0.0.0", worker.Errors);
    }
}
