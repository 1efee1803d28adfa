using System.Diagnostics;
using System.Text;

namespace Sweeps.Cli.Tests.Support;

/// <summary>The real <c>sweeps</c> executable, started as a separate process in a folder of the test's own.</summary>
public sealed class SweepsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private SweepsProcess(string folder, string[] args, string? networkNamespace = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "sweeps");
        // Through env (which execs, keeping the pid) with SIGINT back to default: a test run started in the background
        // of a shell ignores SIGINT, children inherit that, and the Ctrl-C tests would then test nothing.
        var start = new ProcessStartInfo(networkNamespace is null ? "env" : "ip")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null) foreach (var arg in new[] { "netns", "exec", networkNamespace, "env" }) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--default-signal=INT", executable }) start.ArgumentList.Add(arg);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("SWEEPS_DB");
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_out) return _out.ToString(); } }

    public string Errors { get { lock (_err) return _err.ToString(); } }

    public static SweepsProcess Start(string folder, params string[] args) => new(folder, args);

    /// <summary>Starts sweeps with extra environment variables.</summary>
    public static SweepsProcess StartWith(IReadOnlyDictionary<string, string> environment, string folder, params string[] args) => new(folder, args, null, environment);

    /// <summary>Starts sweeps inside a network namespace (<c>ip netns exec</c>).</summary>
    public static SweepsProcess StartIn(string networkNamespace, string folder, params string[] args) => new(folder, args, networkNamespace);

    /// <summary>Runs to the end and returns the exit code; fails the test if it takes longer than the timeout.</summary>
    public static (int ExitCode, string Output, string Errors) Run(string folder, params string[] args)
    {
        using var process = Start(folder, args);
        var code = process.WaitForExit(TimeSpan.FromMinutes(3));
        return (code, process.Output, process.Errors);
    }

    /// <summary>Runs to the end with extra environment variables.</summary>
    public static (int ExitCode, string Output, string Errors) RunWith(IReadOnlyDictionary<string, string> environment, string folder, params string[] args)
    {
        using var process = StartWith(environment, folder, args);
        var code = process.WaitForExit(TimeSpan.FromMinutes(3));
        return (code, process.Output, process.Errors);
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweeps did not finish within {timeout}; output:\n{Output}\nerrors:\n{Errors}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>
    /// Waits until the process has logged the text (say, a worker's welcome). Fails if it exits, or says nothing at all
    /// for <paramref name="silence"/> (stuck), or talks for ten times that without saying it (going round in circles):
    /// a process slowed by a loaded machine but still logging is waited for.
    /// </summary>
    public void WaitForLog(string text, TimeSpan silence)
    {
        var (started, quiet, length) = (Stopwatch.StartNew(), Stopwatch.StartNew(), 0);
        while (true)
        {
            var log = Errors + Output;
            if (log.Contains(text)) return;
            if (log.Length != length)
            {
                length = log.Length;
                quiet.Restart();
            }
            if (_process.HasExited || quiet.Elapsed > silence || started.Elapsed > 10 * silence)
                throw new TimeoutException($"sweeps did not log '{text}' (silent for {quiet.Elapsed:mm\\:ss}, waited {started.Elapsed:mm\\:ss}); output:\n{Output}\nerrors:\n{Errors}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Where its logs end now: a later wait can look only at what was logged after this.</summary>
    public LogMark Mark() => new(Errors.Length, Output.Length);

    /// <summary>The lines it has logged (errors, then output) since the mark.</summary>
    public IEnumerable<string> LinesSince(LogMark since) => (Errors[since.Errors..] + "\n" + Output[since.Output..]).Split('\n');

    /// <summary>Waits until a line logged after <paramref name="since"/> fits; fails if the process exits or it does not come in time.</summary>
    public string WaitForLine(Func<string, bool> fits, LogMark since, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var line = LinesSince(since).FirstOrDefault(fits);
            if (line is not null) return line;
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"sweeps did not log {what} within {timeout}; output:\n{Output}\nerrors:\n{Errors}");
            Thread.Sleep(100);
        }
    }

    /// <summary>SIGKILL: no clean-up, no flush, exactly what a crash or an OOM killer does.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGKILL to this process alone (not its children): what happens to what it started is up to it.</summary>
    public void KillAlone()
    {
        Process.Start("kill", ["-KILL", _process.Id.ToString()])!.WaitForExit();
        _process.WaitForExit();
    }

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    public void Interrupt() => Process.Start("kill", ["-INT", _process.Id.ToString()])!.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
