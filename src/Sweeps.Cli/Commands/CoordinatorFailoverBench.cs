using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Sweeps.Cli.Commands;

/// <summary>
/// One run of <c>sweeps bench failover --coordinator</c>: two coordinator processes (each seeded with both) and a worker
/// on a throw-away SQLite store; the active coordinator is killed with SIGKILL mid-sweep and the clock runs until the
/// standby's first journal write. Disposing kills every process and deletes the store.
/// </summary>
internal sealed class CoordinatorFailoverBench : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sweeps-bench-{Guid.NewGuid():N}");
    private readonly List<LoggedProcess> _processes = [];

    private string Db => Path.Combine(_folder, "sweeps.db");

    /// <summary>Seconds from the kill of the active coordinator to the standby's first journal write.</summary>
    public async Task<double> RunAsync(int trialMs, CancellationToken interruption)
    {
        Directory.CreateDirectory(_folder);
        var (port, standbyPort, http) = (FreePort(), FreePort(), FreePort());
        string[] seeds = ["--seed", $"127.0.0.1:{port}", "--seed", $"127.0.0.1:{standbyPort}"];
        var active = Start(["coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", Db, .. seeds]);
        await active.WaitForAsync("started a new cluster", interruption);
        var standby = Start(["coordinator", "--port", standbyPort.ToString(), "--http-port", "0", "--db", Db, .. seeds]);
        await standby.WaitForAsync("joined the cluster", interruption);
        var worker = Start(["worker", "--slots", "2", "--name", "bench", .. seeds]);
        await worker.WaitForAsync("welcomed by the coordinator", interruption);
        var spec = Path.Combine(_folder, "failover.yaml");
        await File.WriteAllTextAsync(spec, $"name: failover\njob: noop\nsampler: random\ntrials: 100000\nparameters: {{sleep_ms: {trialMs}}}\n", interruption);
        var submit = Start(["submit", spec, "--server", $"http://127.0.0.1:{http}"]);
        await submit.Process.WaitForExitAsync(interruption);
        if (submit.Process.ExitCode != 0) throw new InvalidOperationException($"submitting the benchmark's sweep failed:\n{submit.Log}");
        var started = LastWrite();
        await Until(() => LastWrite() > started + 20, interruption);

        var clock = Stopwatch.StartNew();
        LocalCluster.KillHard(active.Process);
        var before = LastWrite();
        await Until(() => LastWrite() > before, interruption);
        return clock.Elapsed.TotalSeconds;
    }

    private long LastWrite()
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(ordering), 0) FROM journal";
            return Convert.ToInt64(command.ExecuteScalar());
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or busy for a moment: ask again
        }
    }

    private LoggedProcess Start(string[] args)
    {
        var process = new LoggedProcess(LocalCluster.SweepsStartInfo(args));
        _processes.Add(process);
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Until(Func<bool> done, CancellationToken interruption)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the coordinator failover benchmark waited {Patience.TotalSeconds:0} s in vain");
            await Task.Delay(20, interruption);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    /// <summary>A sweeps child process whose output is kept, so the benchmark can wait for its log lines.</summary>
    private sealed class LoggedProcess : IDisposable
    {
        private readonly System.Text.StringBuilder _log = new();

        public LoggedProcess(ProcessStartInfo start)
        {
            start.RedirectStandardOutput = start.RedirectStandardError = true;
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Log { get { lock (_log) return _log.ToString(); } }

        public async Task WaitForAsync(string text, CancellationToken interruption)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!Log.Contains(text))
            {
                if (Process.HasExited || DateTime.UtcNow > deadline)
                    throw new TimeoutException($"a benchmark node did not log '{text}':\n{Log}");
                await Task.Delay(50, interruption);
            }
        }

        public void Dispose()
        {
            LocalCluster.KillHard(Process);
            Process.Dispose();
        }
    }
}
