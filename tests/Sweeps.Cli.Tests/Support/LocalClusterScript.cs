using System.Diagnostics;
using System.Text;

namespace Sweeps.Cli.Tests.Support;

/// <summary>
/// deploy/local-cluster.sh run for real from the checkout, on ports of the test's own, with this build's sweeps. Keeps
/// every process the script started (by pid and start time) so that a test can check they are gone, and so that
/// disposing it kills whatever is left.
/// </summary>
internal sealed class LocalClusterScript : IDisposable
{
    private readonly Process _script;
    private readonly StringBuilder _output = new();
    private readonly List<RunningProcess> _started = [];

    public LocalClusterScript(string folder, int workers, int slots)
    {
        ClusterPort = FreePort.Pair();
        HttpPort = FreePort.Pair();
        // SIGINT back to default first: bash cannot trap a signal that was ignored when it started (as in a background test run)
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "bash", RepositoryFolder.File("deploy/local-cluster.sh"), workers.ToString(), slots.ToString()])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("SWEEPS_DB");
        start.Environment["SWEEPS_BIN"] = Path.Combine(AppContext.BaseDirectory, "sweeps");
        start.Environment["SWEEPS_PORT"] = ClusterPort.ToString();
        start.Environment["SWEEPS_HTTP_PORT"] = HttpPort.ToString();
        start.Environment["SWEEPS_PG_PORT"] = FreePort.Next().ToString();
        start.Environment["DIR"] = Path.Combine(folder, "cluster");
        _script = new Process { StartInfo = start };
        _script.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _script.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _script.Start();
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        Script = RunningProcess.Find(_script.Id);
    }

    public int ClusterPort { get; }

    public int HttpPort { get; }

    public RunningProcess? Script { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Every process the script started: its children now, and the PostgreSQL server it names (pg_ctl detaches it).</summary>
    public IReadOnlyList<RunningProcess> Started { get { lock (_started) return _started.ToList(); } }

    public string Logs(string node) => File.ReadAllText(Path.Combine(_script.StartInfo.Environment["DIR"]!, node + ".log"));

    /// <summary>Waits for the line the script prints when the coordinator's API answers, then records what it started.</summary>
    public void WaitUntilReady(TimeSpan patience)
    {
        WaitForLine("ready:", patience);
        lock (_started)
        {
            _started.AddRange(RunningProcess.Descendants(_script.Id));
            _started.AddRange(Named().Where(p => _started.All(s => s.Pid != p.Pid)));
        }
    }

    public void WaitForLine(string start, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!Output.Split('\n').Any(l => l.StartsWith(start, StringComparison.Ordinal)))
        {
            if (_script.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"local-cluster.sh did not print '{start}' within {patience}; it printed:\n{Output}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Sends the script a signal (TERM, INT) as a service manager or a terminal would, and waits for it to end.</summary>
    public int Stop(string signal, TimeSpan patience)
    {
        Process.Start("kill", [$"-{signal}", _script.Id.ToString()])!.WaitForExit();
        if (!_script.WaitForExit(patience)) throw new TimeoutException($"local-cluster.sh did not end within {patience} of SIG{signal}:\n{Output}");
        _script.WaitForExit();
        return _script.ExitCode;
    }

    public void Dispose()
    {
        // What it started is looked up again here too: a test that failed before WaitUntilReady recorded nothing.
        var left = Started.Concat(_script.HasExited ? [] : RunningProcess.Descendants(_script.Id)).Concat(Named()).ToList();
        Script?.Kill();
        foreach (var process in left) process.Kill();
        _script.Dispose();
    }

    /// <summary>The processes on the script's "pids:" line (the PostgreSQL server is not its child), once it has printed it.</summary>
    private IEnumerable<RunningProcess> Named() =>
        Output.Split('\n').FirstOrDefault(l => l.StartsWith("pids:", StringComparison.Ordinal)) is { } line
            ? line["pids:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => int.TryParse(w, out _)).Select(int.Parse)
                .Select(RunningProcess.Find).OfType<RunningProcess>()
            : [];
}
