using System.Diagnostics;

namespace Sweeps.Cli.Commands;

/// <summary>A <c>sweeps worker</c> started as a separate process of this same program, for the cluster benchmarks.</summary>
internal static class WorkerProcess
{
    public static Process Start(int coordinatorPort, string name, int slots)
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(Program).Assembly.Location } }
            : new ProcessStartInfo(self);
        foreach (var arg in new[] { "worker", "--seed", $"127.0.0.1:{coordinatorPort}", "--slots", slots.ToString(), "--name", name, "--log-level", "warning" })
            start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer ends a process.</summary>
    public static void KillHard(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
}
