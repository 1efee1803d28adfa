namespace Sweeps.Cluster.Security;

/// <summary>One file of a certificate set: its name in the folder, its bytes, and whether it holds a private key.</summary>
public sealed record CertificateFile(string Name, byte[] Content, bool Secret)
{
    /// <summary>Owner read/write only: a private key must not be readable by other users of the machine.</summary>
    public const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode PublicMode = SecretMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Writes the files into the folder (made if missing), all or none: an existing file is refused before anything is
    /// written unless <paramref name="force"/> is given. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string folder, bool force, params CertificateFile[] files)
    {
        if (File.Exists(folder)) throw new CertificateException($"--out {folder} is a file; give a folder");
        var paths = files.Select(f => Path.Combine(folder, f.Name)).ToList();
        var existing = paths.Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
            throw new CertificateException($"{string.Join(", ", existing)} already exist{(existing.Count == 1 ? "s" : "")}; nothing was written (give --force to replace)");
        Directory.CreateDirectory(folder);
        foreach (var (file, path) in files.Zip(paths)) file.WriteTo(path);
        return paths;
    }

    private void WriteTo(string path)
    {
        var mode = Secret ? SecretMode : PublicMode;
        File.Delete(path); // a replaced file must not keep an older, looser mode
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using (var stream = new FileStream(path, options)) stream.Write(Content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode); // exactly this mode, whatever the umask
    }
}
