using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Sweeps.Core.Jobs;

namespace Sweeps.Command;

/// <summary>
/// Starts a program with posix_spawn as the leader of a process group of its own (POSIX_SPAWN_SETPGROUP, group 0), so
/// its process id is its group's id before it runs a single instruction of its own: one exec, no <c>setsid</c> program
/// in between. Its input is /dev/null, its stdout and stderr the given pipes; signals .NET handles or ignores are back
/// to their defaults (a program in a pipeline needs SIGPIPE) and none is blocked. The child is this code's to reap
/// (<see cref="Native.TryReap"/>): .NET's own SIGCHLD handling reaps only what System.Diagnostics.Process started.
/// </summary>
/// <remarks>
/// A group, not a session (setsid): with the kernel's autogroup scheduling on (the default of most distributions) each
/// new session gets a scheduling group of its own, which made a short program's start several times slower on a busy
/// machine (measured: <c>sweeps bench command</c>). A group is all that stopping needs; the program stays in the
/// worker's session, in a background group, so a Ctrl-C at the worker's terminal still reaches the worker alone.
/// </remarks>
internal static unsafe class ProgramSpawn
{
    private const string Shell = "/bin/sh";
    private const string NoInput = "/dev/null";

    /// <returns>The program's process id, which is also its group's.</returns>
    /// <exception cref="TrialRefusedException">The program cannot start here (gone, or not executable, since it was found).</exception>
    public static int Start(string program, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, int stdoutPipe, int stderrPipe)
    {
        var variables = Variables(environment);
        var argv = new List<string>(arguments.Count + 1) { program };
        argv.AddRange(arguments);
        var (pid, error) = Spawn(program, argv, variables, workingDirectory, stdoutPipe, stderrPipe);
        if (error == Native.NotExecutableFormat)
        {
            // A script without "#!": run by /bin/sh, as execvp and shells do (the setsid program did so too).
            argv.Insert(0, Shell);
            (pid, error) = Spawn(Shell, argv, variables, workingDirectory, stdoutPipe, stderrPipe);
        }
        if (error is Native.NoSuchFile or Native.PermissionDenied or Native.NotExecutableFormat)
            throw new TrialRefusedException($"program '{program}' could not start on this worker: {Native.Describe(error)} (in {workingDirectory})");
        Native.CheckSpawn(error, $"posix_spawn {program}");
        return pid;
    }

    /// <summary>This process's environment with <paramref name="extra"/> over it, as NAME=value texts.</summary>
    private static List<string> Variables(IReadOnlyDictionary<string, string> extra)
    {
        var variables = new List<string>(64 + extra.Count);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            if (entry.Key is string name && !extra.ContainsKey(name)) variables.Add($"{name}={entry.Value}");
        foreach (var (name, value) in extra) variables.Add($"{name}={value}");
        return variables;
    }

    private static (int Pid, int Error) Spawn(string path, List<string> argv, List<string> variables, string workingDirectory,
        int stdoutPipe, int stderrPipe)
    {
        using var texts = new NativeTexts([path, workingDirectory, NoInput], argv, variables);
        var actions = NativeMemory.AllocZeroed(Native.FileActionsSize);
        var attributes = NativeMemory.AllocZeroed(Native.SpawnAttributesSize);
        var signals = NativeMemory.AllocZeroed(Native.SignalSetSize);
        try
        {
            // (destroying zeroed ones, should an init fail, frees nothing)
            Native.CheckSpawn(Native.FileActionsInit(actions), "posix_spawn_file_actions_init");
            Native.CheckSpawn(Native.AttributesInit(attributes), "posix_spawnattr_init");
            // Working folder first, so that nothing else depends on it; then the three standard streams.
            Native.CheckSpawn(Native.FileActionsChdir(actions, texts.Single(1)), "posix_spawn_file_actions_addchdir_np");
            Native.CheckSpawn(Native.FileActionsOpen(actions, 0, texts.Single(2), Native.ReadOnly, 0), "posix_spawn_file_actions_addopen stdin");
            Native.CheckSpawn(Native.FileActionsDup2(actions, stdoutPipe, 1), "posix_spawn_file_actions_adddup2 stdout");
            Native.CheckSpawn(Native.FileActionsDup2(actions, stderrPipe, 2), "posix_spawn_file_actions_adddup2 stderr");

            Native.CheckSpawn(Native.AttributesSetFlags(attributes, Native.SpawnSetProcessGroup | Native.SpawnSetSignalDefaults | Native.SpawnSetSignalMask),
                "posix_spawnattr_setflags");
            Native.CheckSpawn(Native.AttributesSetProcessGroup(attributes, 0), "posix_spawnattr_setpgroup");
            if (Native.SignalSetFill(signals) != 0) throw new IOException("sigfillset failed");
            Native.CheckSpawn(Native.AttributesSetSignalDefaults(attributes, signals), "posix_spawnattr_setsigdefault");
            if (Native.SignalSetEmpty(signals) != 0) throw new IOException("sigemptyset failed");
            Native.CheckSpawn(Native.AttributesSetSignalMask(attributes, signals), "posix_spawnattr_setsigmask");

            int pid;
            var error = Native.PosixSpawn(&pid, texts.Single(0), actions, attributes, texts.List(0), texts.List(1));
            return (error == 0 ? pid : 0, error);
        }
        finally
        {
            Native.FileActionsDestroy(actions);
            Native.AttributesDestroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signals);
        }
    }

    /// <summary>Texts as NUL-terminated UTF-8 in one native block: single ones, and lists ending in a null pointer (argv, envp).</summary>
    private sealed class NativeTexts : IDisposable
    {
        private readonly byte* _block;
        private readonly byte* _end;
        private readonly nint[] _singles;
        private readonly nint[] _lists;
        private byte* _next;

        public NativeTexts(string[] singles, params List<string>[] lists)
        {
            foreach (var text in singles.Concat(lists.SelectMany(l => l)))
                if (text.Contains('\0'))
                    throw new JobFailedException($"'{text.Replace("\0", "\\0")}' holds a NUL character, which no program can be given", new Dictionary<string, string>());
            var pointers = lists.Sum(l => l.Count + 1) * sizeof(byte*);
            var bytes = singles.Concat(lists.SelectMany(l => l)).Sum(t => Encoding.UTF8.GetByteCount(t) + 1);
            _block = (byte*)NativeMemory.Alloc((nuint)(pointers + bytes));
            _end = _block + pointers + bytes;
            _next = _block + pointers;
            _singles = new nint[singles.Length];
            for (var i = 0; i < singles.Length; i++) _singles[i] = (nint)Put(singles[i]);
            _lists = new nint[lists.Length];
            var slot = (byte**)_block;
            for (var i = 0; i < lists.Length; i++)
            {
                _lists[i] = (nint)slot;
                foreach (var text in lists[i]) *slot++ = Put(text);
                *slot++ = null;
            }
        }

        public byte* Single(int index) => (byte*)_singles[index];

        public byte** List(int index) => (byte**)_lists[index];

        public void Dispose() => NativeMemory.Free(_block);

        private byte* Put(string text)
        {
            var start = _next;
            var count = Encoding.UTF8.GetBytes(text, new Span<byte>(_next, (int)(_end - _next)));
            _next[count] = 0;
            _next += count + 1;
            return start;
        }
    }
}
