using System.Diagnostics;

namespace Sweeps.Command;

/// <summary>
/// A program started in a process group of its own, so that it can be stopped with everything it started. It starts
/// through <c>/usr/bin/setsid</c>: the child of Process.Start is not a group leader, so setsid calls setsid() and
/// execs the program, whose process id is then its group's id. Stopping is SIGTERM to the group, then SIGKILL after
/// the grace period; the group is on the <see cref="Watchdog"/>'s list while it may have processes.
/// </summary>
internal sealed class ProcessGroup : IDisposable
{
    public const string SetSid = "/usr/bin/setsid";

    private readonly Process _process;

    private ProcessGroup(Process process)
    {
        _process = process;
        Id = process.Id;
        Watchdog.Watch(Id);
    }

    public int Id { get; }

    public Stream Output => _process.StandardOutput.BaseStream;

    public Stream Errors => _process.StandardError.BaseStream;

    public int ExitCode => _process.ExitCode;

    public static ProcessGroup Start(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(SetSid)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close(); // a program that reads its input gets end of file, not a wait
        return new ProcessGroup(process);
    }

    /// <summary>Waits for the program to exit; false when <paramref name="cancellation"/> came first.</summary>
    public bool WaitForExit(CancellationToken cancellation)
    {
        using var wake = new ManualResetEventSlim();
        using var registration = cancellation.Register(wake.Set);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => wake.Set();
        if (_process.HasExited) return true;
        wake.Wait();
        return _process.HasExited;
    }

    /// <summary>SIGTERM to the group; SIGKILL to what is left of it after <paramref name="grace"/>. True when it had to kill.</summary>
    public bool Stop(TimeSpan grace)
    {
        Native.SignalGroup(Id, Native.SigTerm);
        var deadline = Stopwatch.StartNew();
        // The leader exiting is not enough: the rest of the group (a script's children) gets the same grace.
        while (deadline.Elapsed < grace && (!_process.HasExited || Native.GroupExists(Id)))
            _process.WaitForExit(TimeSpan.FromMilliseconds(50));
        var killed = !_process.HasExited || Native.GroupExists(Id);
        if (killed) Native.SignalGroup(Id, Native.SigKill);
        _process.WaitForExit();
        return killed;
    }

    /// <summary>The program has exited: whatever it left running in its group is killed (no orphans).</summary>
    public void KillRest()
    {
        if (Native.GroupExists(Id)) Native.SignalGroup(Id, Native.SigKill);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Native.SignalGroup(Id, Native.SigKill);
        Watchdog.Forget(Id);
        _process.Dispose();
    }
}
