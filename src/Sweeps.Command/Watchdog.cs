using System.Diagnostics;

namespace Sweeps.Command;

/// <summary>
/// Kills this process's programs when it dies, even by SIGKILL: one small <c>sh</c> per worker process, started once,
/// reads "+GROUP" and "-GROUP" lines on a pipe from the worker as programs start and end. When the worker dies the
/// kernel closes the pipe; the watchdog reads end of file and sends SIGKILL to every group still listed.
/// </summary>
/// <remarks>
/// Why not PR_SET_PDEATHSIG: it reaches only the direct child (a shell script's own children would live on) and fires
/// when the forking thread ends, not the process. Why not a child subreaper: it would have to be the worker itself,
/// and a dead worker reaps nothing. A process group per program plus a watchdog outside the worker covers grandchildren
/// too. The watchdog ignores SIGINT, SIGTERM and SIGHUP, so a Ctrl-C at the terminal (which the worker answers by
/// stopping its programs itself) does not leave later programs unguarded.
/// </remarks>
internal static class Watchdog
{
    private const string Script = """
        exec >/dev/null 2>&1
        trap '' INT TERM HUP
        groups=''
        while IFS= read -r line; do
          case "$line" in
            +*) groups="$groups ${line#+}" ;;
            -*) gone=${line#-}; kept=''; for g in $groups; do [ "$g" = "$gone" ] || kept="$kept $g"; done; groups=$kept ;;
          esac
        done
        for g in $groups; do kill -9 -"$g" 2>/dev/null; done
        """;

    private static readonly Lazy<StreamWriter?> Pipe = new(Start);
    private static readonly Lock Gate = new();

    /// <summary>The watchdog's process id, once it runs (for tests).</summary>
    public static int? ProcessId { get; private set; }

    public static void Watch(int group) => Say($"+{group}");

    public static void Forget(int group) => Say($"-{group}");

    private static void Say(string line)
    {
        if (Pipe.Value is not { } pipe) return;
        lock (Gate)
        {
            try
            {
                pipe.Write(line + "\n");
                pipe.Flush();
            }
            catch (IOException)
            {
                // the watchdog is gone: programs still stop with their trials, only not after a SIGKILL of the worker
            }
        }
    }

    private static StreamWriter? Start()
    {
        try
        {
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            var process = Process.Start(start);
            if (process is null) return null;
            ProcessId = process.Id;
            var writer = process.StandardInput;
            writer.AutoFlush = false;
            return writer;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            Console.Error.WriteLine($"warning: the command watchdog (/bin/sh) could not start ({e.Message}); programs will not be stopped if this process is killed with SIGKILL");
            return null;
        }
    }
}
