using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Finds where a sweep is submitted from: this Sweeps' version, the host and user, and the git commit of the spec's
/// folder with whether its tracked files have uncommitted changes. Git is run as a process only when it is there,
/// for at most a few seconds; a missing git, a folder outside a repository, or a slow one leaves the commit unknown.
/// </summary>
public static class SweepOriginProbe
{
    public static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(5);

    public static string Version { get; } =
        typeof(SweepOriginProbe).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(SweepOriginProbe).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static SweepOrigin For(string specFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(specFile)) ?? ".";
        var commit = Git(folder, "rev-parse", "--verify", "HEAD");
        bool? dirty = null;
        if (commit is not null && Git(folder, "status", "--porcelain", "--untracked-files=no") is { } status) dirty = status.Length > 0;
        return new SweepOrigin(Version, Environment.MachineName, Environment.UserName, commit, dirty).Bounded();
    }

    /// <returns>The command's output, trimmed, or null when git is absent, fails, or takes longer than <see cref="GitTimeout"/>.</returns>
    private static string? Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0"; // status must not take the index lock of the user's repository
        try
        {
            using var git = Process.Start(start);
            if (git is null) return null;
            git.StandardInput.Close();
            var output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(GitTimeout))
            {
                try { git.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return null;
            }
            if (git.ExitCode != 0 || !output.Wait(GitTimeout)) return null;
            var text = output.Result.Trim();
            return text.Length > 64 * 1024 ? null : text;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return null; // no git on this machine
        }
    }
}
