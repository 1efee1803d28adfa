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

    /// <summary>
    /// Waits for the program to end. When <paramref name="cancellation"/> comes first the group gets SIGTERM at once and
    /// SIGKILL after <paramref name="grace"/>, and the wait goes on until the whole group is gone.
    /// </summary>
    /// <returns>How it ended: on its own, stopped by SIGTERM, or killed.</returns>
    public Ending Wait(CancellationToken cancellation, TimeSpan grace)
    {
        var gate = new Lock();
        Timer? kill = null;
        var stopped = false;
        var killed = false;
        // The waiting thread sleeps in WaitForExit, which wakes on the child's exit at once; signals come from callbacks.
        using (cancellation.Register(() =>
        {
            lock (gate)
            {
                stopped = true;
                Native.SignalGroup(Id, Native.SigTerm);
                kill = new Timer(_ =>
                {
                    lock (gate) killed = true;
                    Native.SignalGroup(Id, Native.SigKill);
                }, null, grace, Timeout.InfiniteTimeSpan);
            }
        }))
        {
            _process.WaitForExit();
        }
        lock (gate)
        {
            if (!stopped)
            {
                // Ended on its own: whatever it left running in its group goes too (no orphans).
                if (Native.GroupExists(Id)) Native.SignalGroup(Id, Native.SigKill);
                return Ending.Exited;
            }
        }
        // Stopped: the rest of the group (a script's children) gets the same grace, then the same SIGKILL.
        while (Native.GroupExists(Id)) Thread.Sleep(20);
        lock (gate)
        {
            kill?.Dispose();
            return killed ? Ending.Killed : Ending.Terminated;
        }
    }

    public enum Ending
    {
        Exited,
        Terminated,
        Killed,
    }

    public void Dispose()
    {
        if (!_process.HasExited) Native.SignalGroup(Id, Native.SigKill);
        Watchdog.Forget(Id);
        _process.Dispose();
    }
}
