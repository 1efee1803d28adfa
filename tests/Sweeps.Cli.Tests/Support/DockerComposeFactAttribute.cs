using System.ComponentModel;
using System.Diagnostics;

namespace Sweeps.Cli.Tests.Support;

/// <summary>A test that needs a docker client with the compose plugin; where there is none it says so and does not run.</summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Present = new(() => Run(Directory.GetCurrentDirectory(), "compose", "version").ExitCode == 0);

    public DockerComposeFactAttribute()
    {
        if (!Present.Value) Skip = "needs a docker client with the compose plugin (docker compose version)";
    }

    /// <summary>Runs docker; a missing client counts as a failed run.</summary>
    public static (int ExitCode, string Output) Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("docker", args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + errors);
        }
        catch (Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
