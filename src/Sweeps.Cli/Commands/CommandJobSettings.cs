using Sweeps.Command;

namespace Sweeps.Cli.Commands;

/// <summary>How a node runs <c>command</c> jobs: which programs (<c>--allow-commands</c>), the grace before SIGKILL, the work folder.</summary>
internal static class CommandJobSettings
{
    public static TimeSpan KillGrace(double? seconds, string option = "--kill-grace") => seconds switch
    {
        null => BuiltInJobs.DefaultKillGrace,
        >= 0 and <= 3600 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new UsageException($"{option}: {seconds} is not a grace period; give 0 to 3600 seconds (default 10)"),
    };

    public static string WorkDirectory(string? folder, string option = "--work-dir")
    {
        var fallback = new Cluster.Workers.WorkerOptions().WorkDirectory;
        if (folder is null) return fallback;
        if (folder.Trim().Length == 0) throw new UsageException($"{option}: give a folder, e.g. {option} /var/tmp/sweeps");
        if (File.Exists(folder)) throw new UsageException($"{option}: {folder} is a file, not a folder");
        return Path.GetFullPath(folder);
    }
}
