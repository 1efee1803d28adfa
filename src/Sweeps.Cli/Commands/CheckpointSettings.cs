using Sweeps.Core.Jobs;

namespace Sweeps.Cli.Commands;

/// <summary>Where a node's trials keep checkpoints: <c>--checkpoint-dir</c>, checked before anything starts.</summary>
internal static class CheckpointSettings
{
    public static ICheckpointStore? Folder(string? folder, string option = "--checkpoint-dir")
    {
        if (folder is null) return null;
        if (folder.Trim().Length == 0) throw new UsageException($"{option}: give a folder every worker shares, e.g. {option} /mnt/sweeps/checkpoints");
        if (File.Exists(folder)) throw new UsageException($"{option}: {folder} is a file, not a folder");
        try
        {
            return new FolderCheckpointStore(Path.GetFullPath(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{option}: {folder} cannot hold checkpoints: {e.Message}");
        }
    }
}
