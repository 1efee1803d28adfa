using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Sweeps as a user installs it: packed as a .NET tool, installed from that package alone, and run as <c>sweeps</c>.
/// Its standard output must be exactly what was asked for, so scripts can parse all of it.
/// </summary>
public sealed class PackagingTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void Packs_as_a_tool_whose_sweeps_command_has_a_version_and_prints_only_csv_or_json()
    {
        var folder = TestStores.NewFolder();
        var packages = Directory.CreateDirectory(Path.Combine(folder, "packages")).FullName;
        var tools = Path.Combine(folder, "tools");
        // the package is the only source: installing needs nothing from the network
        var config = Files.Write(folder, "nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

        Dotnet(folder, "pack", RepositoryFolder.File("src/Sweeps.Cli"), "-c", Configuration, "--no-build", "-o", packages);
        Dotnet(folder, "tool", "install", "--tool-path", tools, "--configfile", config, "Sweeps", "--version", version);
        var sweeps = Path.Combine(tools, "sweeps");

        Assert.Equal(version, Run(folder, sweeps, "--version").Output.Trim());
        Assert.True(File.Exists(Path.Combine(tools, ".store", "sweeps", version, "sweeps", version, "tools", "net10.0", "any", "config", "sweeps.json")),
            "the package carries the documented settings file");

        var spec = Files.Write(folder, "grid.yaml", """
            name: grid
            job: noop
            sampler: grid
            seed: 3
            replicates: 3
            parameters:
              sleep_ms: [0, 1]
            """);
        Assert.Equal(0, Run(folder, sweeps, "run", spec, "--workers", "2", "--db", "s.db").ExitCode);

        var csv = Run(folder, sweeps, "query", "grid", "--db", "s.db", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("trial,", lines[0]);
        Assert.Equal(7, lines.Length); // the header and six trials, nothing else
        Assert.All(lines, line => Assert.Equal(lines[0].Split(',').Length, line.Split(',').Length));

        var json = Run(folder, sweeps, "query", "grid", "--db", "s.db", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output); // all of stdout is one JSON document
        Assert.Equal(6, document.RootElement.GetArrayLength());
    }

    private static void Dotnet(string folder, params string[] args)
    {
        var result = Run(folder, "dotnet", args);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)}:\n{result.Output}\n{result.Errors}");
    }

    private static (int ExitCode, string Output, string Errors) Run(string folder, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        try
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, errors.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
