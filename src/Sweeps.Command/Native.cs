using System.Runtime.InteropServices;

namespace Sweeps.Command;

/// <summary>
/// Every call into libc the command job makes, in one place: what .NET does not offer (a signal to a process group,
/// access(2), posix_spawn with a session of its own) and the few file-descriptor calls that go with a child this code
/// starts and reaps itself. Each wrapper checks errno and says what failed; constants are Linux's (x86-64 and arm64).
/// </summary>
internal static unsafe partial class Native
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int XOk = 1;

    public const int NoSuchFile = 2; // ENOENT
    private const int NoSuchProcess = 3; // ESRCH
    private const int Interrupted = 4; // EINTR
    public const int NotExecutableFormat = 8; // ENOEXEC
    public const int PermissionDenied = 13; // EACCES

    public const int ReadOnly = 0, CloseOnExec = 0x80000;
    public const short SpawnSetProcessGroup = 0x02, SpawnSetSignalDefaults = 0x04, SpawnSetSignalMask = 0x08;
    public const short PollIn = 0x01;
    private const int NoHang = 1; // WNOHANG
    private const long PidFdOpenCall = 434; // SYS_pidfd_open: the same number on x86-64 and arm64

    /// <summary>Sizes with room to spare over glibc's (336, 80 and 128 bytes on x86-64): only libc looks inside.</summary>
    public const int SpawnAttributesSize = 1024, FileActionsSize = 512, SignalSetSize = 256;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    /// <summary>Signals every process of group <paramref name="group"/>; false when the group is gone (or never was).</summary>
    public static bool SignalGroup(int group, int signal) => Kill(-group, signal) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    public static bool GroupExists(int group) => Kill(-group, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    public static bool IsExecutable(string path) => !Directory.Exists(path) && Access(path, XOk) == 0;

    /// <returns>The read end and the write end of a new pipe, both closed on exec (another program started meanwhile
    /// must not hold this one's output open).</returns>
    public static (int Read, int Write) OpenPipe()
    {
        var ends = stackalloc int[2];
        Check(Pipe2(ends, CloseOnExec), "pipe2");
        return (ends[0], ends[1]);
    }

    /// <returns>A descriptor that polls readable when <paramref name="pid"/> ends, or -1 where the kernel has none (before Linux 5.3).</returns>
    public static int OpenProcessHandle(int pid)
    {
        var fd = (int)Syscall(PidFdOpenCall, pid, 0);
        return fd >= 0 ? fd : -1;
    }

    /// <returns>Bytes read, 0 at end of file.</returns>
    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                var count = ReadCall(fd, bytes, buffer.Length);
                if (count >= 0) return (int)count;
                if (Marshal.GetLastPInvokeError() != Interrupted) Check(-1, "read");
            }
        }
    }

    /// <returns>How many descriptors are ready, 0 when the time ran out (EINTR counts as 0: the caller looks again).</returns>
    public static int Poll(Span<PollFd> fds, int milliseconds)
    {
        fixed (PollFd* all = fds)
        {
            var ready = PollCall(all, (nuint)fds.Length, milliseconds);
            if (ready < 0 && Marshal.GetLastPInvokeError() == Interrupted) return 0;
            return Check(ready, "poll");
        }
    }

    /// <returns>The child's exit code (128 + N when signal N ended it, as a shell reports), or null while it runs.</returns>
    public static int? TryReap(int pid, bool wait)
    {
        while (true)
        {
            int status;
            var reaped = WaitPid(pid, &status, wait ? 0 : NoHang);
            if (reaped == 0) return null;
            if (reaped < 0 && Marshal.GetLastPInvokeError() == Interrupted) continue;
            Check(reaped, $"waitpid {pid}");
            var signal = status & 0x7f;
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
        }
    }

    public static void Close(int fd)
    {
        if (fd >= 0) CloseCall(fd); // errors from close (EINTR included) leave nothing to do on Linux: the descriptor is gone
    }

    private static int Check(int result, string call) => result >= 0 ? result
        : throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())} (errno {Marshal.GetLastPInvokeError()})");

    /// <summary>For the posix_spawn family, which returns the error number instead of setting errno.</summary>
    public static void CheckSpawn(int error, string call)
    {
        if (error != 0) throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
    }

    public static string Describe(int error) => Marshal.GetPInvokeErrorMessage(error);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* ends, int flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadCall(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollCall(PollFd* fds, nuint count, int milliseconds);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseCall(int fd);

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int FileActionsOpen(void* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsDup2(void* actions, int fd, int target);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    public static partial int FileActionsChdir(void* actions, byte* path);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static partial int AttributesInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static partial int AttributesDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static partial int AttributesSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup")]
    public static partial int AttributesSetProcessGroup(void* attributes, int group);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int AttributesSetSignalDefaults(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int AttributesSetSignalMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    public static partial int SignalSetEmpty(void* signals);

    [LibraryImport("libc", EntryPoint = "sigfillset", SetLastError = true)]
    public static partial int SignalSetFill(void* signals);
}
