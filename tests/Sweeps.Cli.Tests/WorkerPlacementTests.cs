using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Workers advertise what they run (job kinds, plugins, labels) and the coordinator places trials by it; real processes
/// on 127.0.0.1.
/// </summary>
public sealed class WorkerPlacementTests
{
    private readonly string _folder = TestStores.NewFolder();

    private string Database => Path.Combine(_folder, "sweeps.db");

    [Fact]
    public void A_sweep_that_requires_a_label_runs_only_on_the_worker_that_has_it()
    {
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "gpu.yaml", """
            name: on-gpu
            job: noop
            sampler: random
            trials: 30
            seed: 1
            requires: {gpu: a100}
            parameters:
              sleep_ms: 100
            """);
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", Database);
        using var gpu = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "gpu-box", "--label", "gpu=a100", "--label", "zone=b");
        using var cpu = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "cpu-box", "--label", "zone=b", "--label", "gpu=none");
        WaitUntilReady(coordinator, gpu, cpu);
        coordinator.WaitForLog("Worker cpu-box joined", TimeSpan.FromSeconds(60));
        coordinator.WaitForLog("Worker gpu-box joined", TimeSpan.FromSeconds(60));
        Submit(spec, http, coordinator);

        Eventually.Until(() => Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE sweep = 'on-gpu' AND status = 'completed'"), n => n == 30,
            n => n.ToString(), TimeSpan.FromMinutes(4), () => $"every trial completed; coordinator log:\n{coordinator.Errors}");
        var workers = Files.Query(Database, "SELECT DISTINCT worker FROM trials WHERE sweep = 'on-gpu'").Select(r => (string?)r[0]).ToList();
        Assert.Equal(["gpu-box"], workers);
        Assert.False(cpu.HasExited);
    }

    [Fact]
    public void A_sweep_whose_kind_no_connected_worker_runs_waits_status_says_what_is_missing_and_it_runs_once_such_a_worker_joins()
    {
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "pi.yaml", ExamplePlugin.Spec(name: "plugin-pi", trials: 4, samples: 10_000));
        // The coordinator knows the plugin (to check the spec); the first worker does not (it cannot run it).
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", Database,
            "--jobs", ExamplePlugin.Path);
        using var plain = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "1", "--name", "plain");
        WaitUntilReady(coordinator, plain);
        coordinator.WaitForLog("Worker plain joined", TimeSpan.FromSeconds(60));
        Submit(spec, http, coordinator);
        coordinator.WaitForLog("Sweep plugin-pi waits", TimeSpan.FromSeconds(60));

        var status = Eventually.Until(() => SweepsProcess.Run(_folder, "status", "--db", Database), s => s.Output.Contains("plugin-pi waits"),
            s => s.Output, TimeSpan.FromMinutes(1), () => "status to show that plugin-pi waits");
        Assert.Contains("worker plain does not run job kind 'example.pi'", status.Output);
        Assert.Contains("--jobs", status.Output);
        var detail = SweepsProcess.Run(_folder, "status", "plugin-pi", "--db", Database);
        Assert.Contains("waiting", detail.Output);
        Assert.Contains("does not run job kind 'example.pi'", detail.Output);
        Assert.Equal(0, Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE sweep = 'plugin-pi' AND status <> 'pending'"));

        using var able = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "1", "--name", "able", "--jobs", ExamplePlugin.Path);
        Eventually.Until(() => Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE sweep = 'plugin-pi' AND status = 'completed'"), n => n == 4,
            n => n.ToString(), TimeSpan.FromMinutes(4), () => $"every trial completed; coordinator log:\n{coordinator.Errors}");
        Assert.Equal(["able"], Files.Query(Database, "SELECT DISTINCT worker FROM trials WHERE sweep = 'plugin-pi'").Select(r => (string?)r[0]));
        Assert.Contains("plugins Sweeps.ExamplePlugin.dll", coordinator.Errors);
        Eventually.Until(() => SweepsProcess.Run(_folder, "status", "--db", Database), s => !s.Output.Contains("plugin-pi waits"),
            s => s.Output, TimeSpan.FromMinutes(1), () => "status to stop showing that plugin-pi waits");
    }

    /// <summary>A submitted command runs code on every worker: one started without --allow-commands never gets its trials.</summary>
    [Fact]
    public void A_command_sweep_waits_for_a_worker_started_with_allow_commands_and_status_says_so()
    {
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "cmd.yaml", """
            name: own-program
            job: command
            command: ["/bin/sh", "-c", "echo '{{\"value\": {x}}}'"]
            sampler: grid
            parameters:
              x: [1, 2, 3]
            """);
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", Database);
        using var closed = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "1", "--name", "closed");
        WaitUntilReady(coordinator, closed);
        coordinator.WaitForLog("Worker closed joined", TimeSpan.FromSeconds(60));
        Submit(spec, http, coordinator);
        coordinator.WaitForLog("Sweep own-program waits", TimeSpan.FromSeconds(60));
        var status = Eventually.Until(() => SweepsProcess.Run(_folder, "status", "--db", Database), s => s.Output.Contains("own-program waits"),
            s => s.Output, TimeSpan.FromMinutes(1), () => "status to show that own-program waits");
        Assert.Contains("--allow-commands", status.Output);
        Assert.Equal(0, Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE sweep = 'own-program' AND status <> 'pending'"));

        using var open = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "1", "--name", "open", "--allow-commands", "/bin/sh");
        Eventually.Until(() => Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE sweep = 'own-program' AND status = 'completed'"), n => n == 3,
            n => n.ToString(), TimeSpan.FromMinutes(4), () => $"every trial completed; coordinator log:\n{coordinator.Errors}");
        Assert.Equal(["open"], Files.Query(Database, "SELECT DISTINCT worker FROM trials WHERE sweep = 'own-program'").Select(r => (string?)r[0]));
    }

    private static void WaitUntilReady(SweepsProcess coordinator, params SweepsProcess[] workers)
    {
        coordinator.WaitForLog("HTTP API listening", TimeSpan.FromSeconds(60));
        coordinator.WaitForLog("Acquired the coordinator lease", TimeSpan.FromSeconds(60));
        foreach (var worker in workers) worker.WaitForLog("welcomed by the coordinator", TimeSpan.FromSeconds(60));
    }

    private void Submit(string spec, int http, SweepsProcess coordinator)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", $"http://127.0.0.1:{http}", "--jobs", ExamplePlugin.Path);
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}\n{coordinator.Errors}");
    }
}
