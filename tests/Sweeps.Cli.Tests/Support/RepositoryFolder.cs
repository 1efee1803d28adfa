namespace Sweeps.Cli.Tests.Support;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds Sweeps.sln.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => System.IO.File.ReadAllText(File(relativePath));

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Sweeps.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Sweeps.sln above {AppContext.BaseDirectory}");
    }
}
