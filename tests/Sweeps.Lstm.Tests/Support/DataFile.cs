namespace Sweeps.Lstm.Tests.Support;

/// <summary>Sequence files written for one test, in a folder of their own that is removed afterwards.</summary>
public sealed class DataFile : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("sweeps-lstm-data-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
