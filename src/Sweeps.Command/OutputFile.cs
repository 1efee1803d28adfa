namespace Sweeps.Command;

/// <summary>
/// The file one of a program's streams is kept in, made at its first byte: a program that prints nothing leaves no
/// file (on a busy disk each file made is a real share of a short trial's cost). It takes everything, however much.
/// </summary>
internal sealed class OutputFile(string path) : IDisposable
{
    private FileStream? _file;

    public string Path => path;

    /// <summary>Whether the program wrote anything (and so the file exists).</summary>
    public bool Written => _file is not null;

    public void Write(ReadOnlySpan<byte> chunk) => (_file ??= TrialFolders.CreateNew(path)).Write(chunk);

    public void Dispose() => _file?.Dispose();
}
