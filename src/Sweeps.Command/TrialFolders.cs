namespace Sweeps.Command;

/// <summary>
/// Where one attempt of a command keeps its files under the worker's work folder: <c>SWEEP/trial-N-attempt-A/</c> (its
/// output, its parameters file, and the folder it runs in unless the sweep gives <c>working_dir</c>) and
/// <c>SWEEP/trial-N-checkpoint/</c>, kept from one attempt to the next on this machine.
/// </summary>
/// <remarks>
/// Side by side rather than under a folder of the trial's: each folder made is a real share of a short trial's cost
/// (on a busy ext4 disk, most of it), and two are all a trial needs.
/// </remarks>
internal sealed record TrialFolders(string Attempt, string Checkpoint)
{
    public string Stdout => Path.Combine(Attempt, "stdout.log");

    public string Stderr => Path.Combine(Attempt, "stderr.log");

    public string ParametersFile => Path.Combine(Attempt, "params.json");

    /// <summary>Makes the folders: the attempt's fresh (emptied if a run of the same attempt left one), the checkpoint's kept.</summary>
    public static TrialFolders Create(string workDirectory, string sweep, long trial, int attempt)
    {
        // Sweep names are letters, digits, '.', '_' and '-' starting with a letter or digit: safe as a folder name.
        var sweepFolder = Path.Combine(Path.GetFullPath(workDirectory), string.IsNullOrEmpty(sweep) ? "_" : sweep);
        var folders = new TrialFolders(Path.Combine(sweepFolder, $"trial-{trial}-attempt-{attempt}"), Path.Combine(sweepFolder, $"trial-{trial}-checkpoint"));
        if (Directory.Exists(folders.Attempt)) Directory.Delete(folders.Attempt, recursive: true);
        Directory.CreateDirectory(folders.Attempt);
        Directory.CreateDirectory(folders.Checkpoint);
        return folders;
    }

    /// <summary>
    /// A new file in the attempt's fresh folder. Made new, not truncated: ext4 flushes a file truncated to nothing to
    /// disk when it is closed (its "replace by truncate" safety), which costs a short trial a write to disk per file.
    /// Writes are whole chunks already, so no buffer of its own.
    /// </summary>
    public static FileStream CreateNew(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (IOException) when (File.Exists(path))
        {
            // the program, which runs in this folder by default, made a file of that name before its first byte came
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
    }

    public static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = CreateNew(path);
        file.Write(bytes);
    }
}
