using System.Buffers;
using System.Diagnostics;

namespace Sweeps.Command;

/// <summary>
/// A program started in a process group of its own (<see cref="ProgramSpawn"/>), so that it can be stopped with
/// everything it started: SIGTERM to the group, then SIGKILL after the grace period. Its stdout and stderr come
/// through pipes that the waiting thread reads itself; the group is on the <see cref="Watchdog"/>'s list while it may
/// have processes.
/// </summary>
/// <remarks>
/// One thread does everything: it sleeps in poll(2) on the two pipes and on a pidfd of the program (which wakes it the
/// moment the program ends), so a trial costs no threads of its own. Where the kernel has no pidfd (before 5.3) it
/// looks every 20 ms instead.
/// </remarks>
internal sealed class ProcessGroup : IDisposable
{
    private const int NoHandleLook = 20;
    private const int ChunkBytes = 64 * 1024;

    private readonly int _output;
    private readonly int _errors;
    private readonly int _handle;
    private readonly Lock _gate = new();
    private int? _exitCode;
    private bool _stopped;
    private bool _killed;
    private Timer? _kill;

    private ProcessGroup(int id, int output, int errors, int handle)
    {
        Id = id;
        _output = output;
        _errors = errors;
        _handle = handle;
        Watchdog.Watch(Id);
    }

    public int Id { get; }

    /// <summary>False makes every group look for its program's end every 20 ms, as on a kernel without pidfd (for tests).</summary>
    internal static bool UseProcessHandles { get; set; } = true;

    public int ExitCode => _exitCode ?? throw new InvalidOperationException("the program has not ended");

    /// <summary>Whether a process that left the group still held stdout or stderr open when the reading gave up.</summary>
    public bool OutputLeftOpen { get; private set; }

    public static ProcessGroup Start(string program, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment)
    {
        (int Read, int Write) output = (-1, -1), errors = (-1, -1);
        try
        {
            output = Native.OpenPipe();
            errors = Native.OpenPipe();
            var pid = ProgramSpawn.Start(program, arguments, workingDirectory, environment, output.Write, errors.Write);
            return new ProcessGroup(pid, output.Read, errors.Read, UseProcessHandles ? Native.OpenProcessHandle(pid) : -1);
        }
        catch
        {
            Native.Close(output.Read);
            Native.Close(errors.Read);
            throw;
        }
        finally
        {
            // the program has its own copies; end of file comes when the last holder closes them
            Native.Close(output.Write);
            Native.Close(errors.Write);
        }
    }

    /// <summary>
    /// Hands stdout to <paramref name="output"/> and stderr to <paramref name="errors"/> as they come until the program
    /// ends and both are read to the end (at most <paramref name="drain"/> more once the group is gone). When
    /// <paramref name="cancellation"/> comes first the group gets SIGTERM at once and SIGKILL after
    /// <paramref name="grace"/>, and the wait goes on until the whole group is gone; a program that ends on its own takes
    /// what it left in its group with it (SIGKILL: no orphans).
    /// </summary>
    /// <returns>How it ended: on its own, stopped by SIGTERM, or killed.</returns>
    public Ending Wait(Action<ReadOnlySpan<byte>> output, Action<ReadOnlySpan<byte>> errors, CancellationToken cancellation,
        TimeSpan grace, TimeSpan drain)
    {
        using var stop = cancellation.Register(() =>
        {
            lock (_gate)
            {
                if (_exitCode is not null || _stopped) return;
                _stopped = true;
                Native.SignalGroup(Id, Native.SigTerm);
                _kill = new Timer(_ =>
                {
                    lock (_gate)
                    {
                        if (_kill is null) return; // the group was gone before the grace ran out
                        _killed = true;
                        Native.SignalGroup(Id, Native.SigKill);
                    }
                }, null, grace, Timeout.InfiniteTimeSpan);
            }
        });
        try
        {
            Read(output, errors, drain);
        }
        finally
        {
            lock (_gate)
            {
                _kill?.Dispose();
                _kill = null;
            }
        }
        lock (_gate) return !_stopped ? Ending.Exited : _killed ? Ending.Killed : Ending.Terminated;
    }

    private void Read(Action<ReadOnlySpan<byte>> output, Action<ReadOnlySpan<byte>> errors, TimeSpan drain)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            // poll skips negative descriptors: a pipe once at its end, the pidfd once the program is reaped (or absent)
            Span<Native.PollFd> watched =
            [
                new() { Fd = _output, Events = Native.PollIn },
                new() { Fd = _errors, Events = Native.PollIn },
                new() { Fd = _handle, Events = Native.PollIn },
            ];
            var ended = false;
            var groupGone = false;
            Stopwatch? draining = null;
            while (true)
            {
                var timeout = !ended ? (_handle >= 0 ? Timeout.Infinite : NoHandleLook) : !groupGone ? NoHandleLook : 0;
                if (ended && groupGone)
                {
                    if (watched[0].Fd < 0 && watched[1].Fd < 0) return;
                    draining ??= Stopwatch.StartNew();
                    if (draining.Elapsed >= drain)
                    {
                        OutputLeftOpen = true;
                        return;
                    }
                    timeout = (int)Math.Ceiling((drain - draining.Elapsed).TotalMilliseconds);
                }
                Native.Poll(watched, timeout);

                Take(ref watched[0], output, buffer);
                Take(ref watched[1], errors, buffer);
                if (!ended && (_handle < 0 || watched[2].Returned != 0) && Native.TryReap(Id, wait: false) is { } code)
                {
                    ended = true;
                    watched[2].Fd = -1;
                    lock (_gate)
                    {
                        _exitCode = code;
                        // Ended on its own: whatever it left running in its group goes too (no orphans), not waited for.
                        // Stopped: the rest of the group (a script's children) has the same grace and SIGKILL, and is waited for.
                        if (!_stopped) Native.SignalGroup(Id, Native.SigKill);
                        groupGone = !_stopped;
                    }
                }
                if (ended && !groupGone) groupGone = !Native.GroupExists(Id);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads what a ready pipe holds (one read: poll says it will not block), or marks it done at its end.</summary>
    private static void Take(ref Native.PollFd pipe, Action<ReadOnlySpan<byte>> to, byte[] buffer)
    {
        if (pipe.Fd < 0 || pipe.Returned == 0) return;
        var count = Native.Read(pipe.Fd, buffer.AsSpan(0, ChunkBytes));
        if (count > 0) to(buffer.AsSpan(0, count));
        else pipe.Fd = -1;
    }

    public enum Ending
    {
        Exited,
        Terminated,
        Killed,
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_exitCode is null)
            {
                Native.SignalGroup(Id, Native.SigKill);
                _exitCode = Native.TryReap(Id, wait: true); // SIGKILL cannot be ignored: this returns at once
            }
        }
        Watchdog.Forget(Id);
        Native.Close(_output);
        Native.Close(_errors);
        Native.Close(_handle);
    }
}
