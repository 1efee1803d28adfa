using System.Formats.Tar;
using Sweeps.Core.Jobs;

namespace Sweeps.Command;

/// <summary>
/// A command's <c>SWEEPS_CHECKPOINT_DIR</c>, made to travel: when the program writes a file named
/// <see cref="DoneMarker"/> into it (after the state it names), the folder is packed (tar) and kept as the trial's
/// checkpoint, and the marker is removed once it is kept: a program that waits for it to go knows its state is safe and
/// may change the folder again. The next attempt, on any worker that shares the checkpoint store, starts with the
/// folder unpacked as it was packed.
/// </summary>
internal sealed class CheckpointFolder(ITrialCheckpoints checkpoints, string folder)
{
    /// <summary>The program writes this file into its checkpoint folder when the folder holds a state worth keeping.</summary>
    public const string DoneMarker = ".sweeps-checkpoint-done";

    private long _nextStep;

    /// <summary>How many checkpoints this attempt kept.</summary>
    public int Saved { get; private set; }

    /// <summary>Puts the trial's latest checkpoint (if any) into the folder, replacing what the folder held.</summary>
    /// <returns>The step of the checkpoint unpacked, or null when there was none.</returns>
    public long? Restore()
    {
        if (!checkpoints.Enabled || checkpoints.Latest() is not { } latest) return null;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory) directory.Delete(recursive: true);
            else entry.Delete();
        }
        using var packed = new MemoryStream(latest.State.ToArray(), writable: false);
        try
        {
            // Bytes that hold no entry are no archive (a tar reader takes a bad header for the end), so they are refused,
            // unless they are the zeros that end an archive of an empty folder.
            if (!HoldsEntries(packed) && latest.State.Span.IndexOfAnyExcept((byte)0) >= 0) throw new InvalidDataException("it holds no tar entry");
            packed.Position = 0;
            // Entries that would land outside the folder (.. or absolute paths, links out) are refused by TarFile.
            TarFile.ExtractToDirectory(packed, folder, overwriteFiles: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new JobFailedException($"the trial's checkpoint (step {latest.Step}) could not be unpacked into {folder}: {e.Message}",
                new Dictionary<string, string> { ["checkpoint_dir"] = folder });
        }
        File.Delete(Path.Combine(folder, DoneMarker));
        _nextStep = latest.Step + 1;
        return latest.Step;
    }

    private static bool HoldsEntries(Stream packed)
    {
        using var reader = new TarReader(packed, leaveOpen: true);
        return reader.GetNextEntry() is not null;
    }

    /// <summary>Why the last checkpoint the program marked could not be kept, or null (its result still counts).</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// Keeps the folder as the trial's checkpoint if the program marked it done since the last look. Never throws: a
    /// state that cannot be kept (too large, the store unreachable) is said in <see cref="Problem"/>, and the marker stays.
    /// </summary>
    public void SaveIfMarked()
    {
        try
        {
            Save();
        }
        catch (Exception e) when (e is JobFailedException or TrialCheckpointException or IOException or UnauthorizedAccessException
                                      or System.Data.Common.DbException)
        {
            Problem = e.Message;
        }
    }

    private void Save()
    {
        var marker = Path.Combine(folder, DoneMarker);
        if (!checkpoints.Enabled || !File.Exists(marker)) return;
        using var packed = new MemoryStream();
        try
        {
            TarFile.CreateFromDirectory(folder, packed, includeBaseDirectory: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JobFailedException($"the checkpoint folder {folder} could not be packed: {e.Message}",
                new Dictionary<string, string> { ["checkpoint_dir"] = folder });
        }
        if (packed.Length > checkpoints.MaxBytes)
            throw new JobFailedException(
                $"the checkpoint folder {folder} packs to {packed.Length:N0} bytes, more than the {checkpoints.MaxBytes:N0} a checkpoint may hold",
                new Dictionary<string, string> { ["checkpoint_dir"] = folder });
        checkpoints.Save(_nextStep++, packed.GetBuffer().AsMemory(0, (int)packed.Length));
        Saved++;
        File.Delete(marker);
    }
}
