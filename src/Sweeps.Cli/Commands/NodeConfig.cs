using Akka.Configuration;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Settings for cluster nodes from a HOCON file (<c>--config</c>, else $SWEEPS_CONFIG, else config/sweeps.conf when
/// present), under <c>sweeps { ... }</c>. A command-line flag wins over an environment variable, which wins over the
/// file, which wins over the built-in default.
/// </summary>
public sealed class NodeConfig
{
    public const string DefaultPath = "config/sweeps.conf";

    private readonly Config _config;

    private NodeConfig(string? path, Config config)
    {
        Path = path;
        _config = config;
    }

    public string? Path { get; }

    public static NodeConfig Load(string? flag)
    {
        var path = flag ?? Env("SWEEPS_CONFIG");
        if (path is null && File.Exists(DefaultPath)) path = DefaultPath;
        if (path is null) return new NodeConfig(null, Config.Empty);
        if (!File.Exists(path)) throw new UsageException($"--config: {path} does not exist; give a HOCON file such as {DefaultPath}");
        // Some malformed HOCON sends the parser into an endless loop: give it a few seconds, then say so.
        var text = File.ReadAllText(path);
        var parsing = Task.Run(() => ConfigurationFactory.ParseString(text));
        try
        {
            if (!parsing.Wait(TimeSpan.FromSeconds(5)))
                throw new UsageException($"{path}: not valid HOCON (the parser could not make sense of it; check brackets and quotes)");
            return new NodeConfig(path, parsing.Result);
        }
        catch (AggregateException e) when (e.InnerException is ConfigurationException or FormatException)
        {
            throw new UsageException($"{path}: not valid HOCON: {e.InnerException.Message}");
        }
    }

    public string? Text(string key, string? flag, string environment) =>
        flag ?? Env(environment) ?? (_config.HasPath($"sweeps.{key}") && _config.GetString($"sweeps.{key}") is { Length: > 0 } s ? s : null);

    public double? Number(string key, double? flag, string environment)
    {
        if (flag is not null) return flag;
        var text = Env(environment) ?? (_config.HasPath($"sweeps.{key}") ? _config.GetString($"sweeps.{key}") : null);
        if (text is null or "") return null;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{(Env(environment) is not null ? "$" + environment : $"{Path}: sweeps.{key}")}: '{text}' is not a number");
    }

    public IReadOnlyList<string> List(string key, IReadOnlyList<string> flag, string environment)
    {
        if (flag.Count > 0) return flag;
        if (Env(environment) is { } text) return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return _config.HasPath($"sweeps.{key}") ? _config.GetStringList($"sweeps.{key}").ToList() : [];
    }

    public TimeSpan? Duration(string key) =>
        _config.HasPath($"sweeps.{key}") ? _config.GetTimeSpan($"sweeps.{key}") : null;

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
