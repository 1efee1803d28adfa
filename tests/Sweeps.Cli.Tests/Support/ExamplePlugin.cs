namespace Sweeps.Cli.Tests.Support;

/// <summary>tests/Sweeps.ExamplePlugin as built beside these tests (same configuration), and specs of its job.</summary>
internal static class ExamplePlugin
{
    /// <summary>The plugin assembly a user would give --jobs.</summary>
    public static string Path { get; } = System.IO.Path.Combine(RepositoryFolder.Root, "tests", "Sweeps.ExamplePlugin", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "Sweeps.ExamplePlugin.dll");

    public static string Spec(string name = "pi", int trials = 6, int samples = 200_000, string dataFile = "") => $"""
        name: {name}
        job: example.pi
        sampler: random
        trials: {trials}
        seed: 3
        parameters:
          samples: {samples}
          data_file: "{dataFile}"
        objective: {"{"}metric: error, goal: minimize{"}"}
        """;
}
