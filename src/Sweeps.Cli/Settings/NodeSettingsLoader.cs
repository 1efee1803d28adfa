using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Sweeps.Cli.Commands;

namespace Sweeps.Cli.Settings;

/// <summary>
/// Reads <see cref="NodeSettings"/> from its layers: defaults, then the settings file (--config, else $SWEEPS_CONFIG,
/// else config/sweeps.json when present), then SWEEPS_* environment variables, then command-line flags. A key the
/// file does not know, a value of the wrong kind, or a file that is not JSON is refused with the key and what would do.
/// </summary>
public static partial class NodeSettingsLoader
{
    public const string DefaultFile = "config/sweeps.json";
    public const string EnvironmentPrefix = "SWEEPS_";

    public static (NodeSettings Settings, string? File) Load(string? fileFlag, IReadOnlyDictionary<string, string?> flags, IReadOnlyList<string> seedFlags)
    {
        var file = fileFlag
            ?? (Environment.GetEnvironmentVariable("SWEEPS_CONFIG") is { Length: > 0 } named ? named : File.Exists(DefaultFile) ? DefaultFile : null);
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file)) throw new UsageException($"--config: {file} does not exist; give a JSON settings file such as {DefaultFile}");
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            RefuseUnknownKeys(file);
        }
        var configuration = Build(builder.AddEnvironmentVariables(EnvironmentPrefix).AddInMemoryCollection(flags), file);
        var settings = Bind(configuration, file, errorOnUnknown: false);
        settings.Seeds = seedFlags.Count > 0 ? seedFlags.ToList()
            : configuration["Seeds"] is { Length: > 0 } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : settings.Seeds;
        return (settings, file);
    }

    /// <summary>The environment holds many SWEEPS_ variables of other tools; the file holds only ours, so a typo there is caught.</summary>
    private static void RefuseUnknownKeys(string file) =>
        Bind(Build(new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false), file), file, errorOnUnknown: true);

    private static IConfigurationRoot Build(IConfigurationBuilder builder, string? file)
    {
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new UsageException($"{file}: not a valid JSON settings file: {(e.InnerException ?? e).Message}");
        }
    }

    private static NodeSettings Bind(IConfiguration configuration, string? file, bool errorOnUnknown)
    {
        try
        {
            return configuration.Get<NodeSettings>(o => o.ErrorOnUnknownConfiguration = errorOnUnknown) ?? new NodeSettings();
        }
        catch (InvalidOperationException e) when (WrongValue().Match(e.Message) is { Success: true } m)
        {
            throw new UsageException($"{file ?? "settings"}: {m.Groups["key"].Value}: '{m.Groups["value"].Value}' is not {Kind(m.Groups["type"].Value)}");
        }
        catch (InvalidOperationException e) when (UnknownKeys().Match(e.Message) is { Success: true } m)
        {
            throw new UsageException($"{file}: unknown setting(s) {m.Groups["keys"].Value.Replace("'", "")}; the keys are listed in README.md under \"Node settings\"");
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"{file ?? "settings"}: {e.Message}");
        }
    }

    private static string Kind(string type) => type switch
    {
        "System.Int32" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        _ => "of the right kind",
    };

    [GeneratedRegex("value '(?<value>[^']*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'")]
    private static partial Regex WrongValue();

    [GeneratedRegex("were not found on the instance of [^:]*: (?<keys>.*)$", RegexOptions.Singleline)]
    private static partial Regex UnknownKeys();
}
