using Sweeps.Core.Jobs;

namespace Sweeps.Command;

/// <summary>
/// Finds the program a command names, as exec would: a name with a '/' is a path (relative to the folder it runs in),
/// any other name is looked up on this worker's PATH. A program that is not there, or not executable, cannot run on
/// this worker at all: the trial is refused (<see cref="TrialRefusedException"/>), not failed.
/// </summary>
internal static class ProgramLookup
{
    public static string Find(string program, string workingDirectory)
    {
        if (program.Contains('/'))
        {
            var path = Path.GetFullPath(program, workingDirectory);
            if (!File.Exists(path)) throw new TrialRefusedException($"program '{program}' does not exist on this worker (looked at {path})");
            if (!Native.IsExecutable(path)) throw new TrialRefusedException($"program '{program}' is not executable on this worker ({path}; chmod +x it)");
            return path;
        }
        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path) && Native.IsExecutable(path)) return path;
        }
        throw new TrialRefusedException($"program '{program}' is not on this worker's PATH ({searchPath})");
    }
}
