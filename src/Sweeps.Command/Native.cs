using System.Runtime.InteropServices;

namespace Sweeps.Command;

/// <summary>The two calls of libc that .NET does not offer: a signal to a whole process group, and access(2).</summary>
internal static partial class Native
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int XOk = 1;
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Signals every process of group <paramref name="group"/>; false when the group is gone (or never was).</summary>
    public static bool SignalGroup(int group, int signal)
    {
        if (Kill(-group, signal) == 0) return true;
        return Marshal.GetLastPInvokeError() != NoSuchProcess
            || Kill(group, signal) == 0; // not yet a group (setsid has not run): the leader alone, before it starts anything
    }

    public static bool GroupExists(int group) => Kill(-group, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    public static bool IsExecutable(string path) => !Directory.Exists(path) && Access(path, XOk) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
