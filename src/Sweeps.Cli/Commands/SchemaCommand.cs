using System.Text.Encodings.Web;
using System.Text.Json;
using Sweeps.Core.Spec;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps schema</c>: the spec format as a JSON Schema, from the jobs this build can run, for editors to complete and check specs.</summary>
public sealed class SchemaSettings : CommonSettings
{
    [Spectre.Console.Cli.CommandOption("--jobs <DLL>")]
    [System.ComponentModel.Description(Plugins.JobPlugins.OptionDescription)]
    public string[] JobsFlags { get; init; } = [];
}

public sealed class SchemaCommand : SweepsCommand<SchemaSettings>
{
    // Relaxed escaping keeps quotes and apostrophes in descriptions readable; the output is a file, not HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override Task<int> RunAsync(SchemaSettings settings, CancellationToken interruption)
    {
        Console.Out.WriteLine(SpecSchema.Build(Plugins.JobPlugins.Registry(settings.JobsFlags)).ToJsonString(Indented));
        return Task.FromResult(0);
    }
}
