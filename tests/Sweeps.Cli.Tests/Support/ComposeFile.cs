using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Sweeps.Cli.Tests.Support;

/// <summary>
/// docker-compose.yml as Compose sees it: merge keys (&lt;&lt;: *anchor) resolved, a key a service sets itself replacing
/// the anchor's whole value, so a rule checked here holds for the services Compose would start.
/// </summary>
internal sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services) => Services = services;

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public static ComposeFile Load(string path)
    {
        using var reader = new StringReader(System.IO.File.ReadAllText(path));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(reader)));
        var services = (Dictionary<object, object?>)root["services"]!;
        return new ComposeFile(services.ToDictionary(s => (string)s.Key, s => new ComposeService((string)s.Key, (Dictionary<object, object?>)s.Value!)));
    }

    public ComposeService this[string name] => Services[name];
}

/// <summary>One service of a compose file, with the few readings the deployment rules need.</summary>
internal sealed class ComposeService(string name, Dictionary<object, object?> body)
{
    public string Name { get; } = name;

    public string? Text(string key) => body.TryGetValue(key, out var value) ? value as string : null;

    public Dictionary<object, object?>? Map(string key) => body.TryGetValue(key, out var value) ? value as Dictionary<object, object?> : null;

    public IReadOnlyList<string> List(string key) =>
        body.TryGetValue(key, out var value) && value is List<object?> items ? items.Select(i => i?.ToString() ?? "").ToList() : [];

    public bool Has(string key) => body.ContainsKey(key);

    public bool InProfile => List("profiles").Count > 0;

    /// <summary>What the container runs, as words: entrypoint then command, a "sh -c" script split on blanks, quotes dropped.</summary>
    public IReadOnlyList<string> Words =>
        List("entrypoint").Concat(List("command"))
            .SelectMany(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('"', '\''))
            .ToList();

    /// <summary>The sweeps command it runs (coordinator, worker, submit...), or null when it is not a sweeps container.</summary>
    public string? Role => Text("image") is { } image && image.StartsWith("postgres", StringComparison.Ordinal) ? null
        : Words.FirstOrDefault(w => w is "coordinator" or "worker" or "submit" or "pause" or "resume" or "cancel");

    public bool IsNode => Role is "coordinator" or "worker";

    /// <summary>A variable of its environment, written as a map (NAME: value) or a list (- NAME=value).</summary>
    public string? Environment(string variable) => body.TryGetValue("environment", out var environment) ? environment switch
    {
        Dictionary<object, object?> map => map.TryGetValue(variable, out var value) ? value?.ToString() : null,
        List<object?> list => list.Select(e => e?.ToString() ?? "").FirstOrDefault(e => e.StartsWith(variable + "=", StringComparison.Ordinal))?[(variable.Length + 1)..],
        _ => null,
    } : null;

    public IReadOnlyList<string> EnvironmentNames => body.TryGetValue("environment", out var environment) ? environment switch
    {
        Dictionary<object, object?> map => map.Keys.Select(k => k.ToString()!).ToList(),
        List<object?> list => list.Select(e => (e?.ToString() ?? "").Split('=')[0]).ToList(),
        _ => [],
    } : [];

    /// <summary>The value of a flag (--port 4053), or null.</summary>
    public string? Flag(string flag)
    {
        var words = Words;
        var at = words.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < words.Count ? words[at + 1] : null;
    }

    /// <summary>Every value of a repeatable flag (--seed a --seed b).</summary>
    public IReadOnlyList<string> Flags(string flag) =>
        Words.Select((word, i) => (word, i)).Where(p => p.word == flag && p.i + 1 < Words.Count).Select(p => Words[p.i + 1]).ToList();

    /// <summary>The seeds a node starts with: --seed flags win over $SWEEPS_SEEDS, as in the node's settings.</summary>
    public IReadOnlyList<string> Seeds =>
        Flags("--seed") is { Count: > 0 } flags ? flags
        : Environment("SWEEPS_SEEDS") is { } seeds ? seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    /// <summary>The address other nodes reach this node by: its --public-host and cluster port.</summary>
    public string ClusterAddress =>
        $"{Flag("--public-host") ?? Environment("SWEEPS_PUBLICHOST") ?? Name}:{Flag("--port") ?? Environment("SWEEPS_COORDINATOR__PORT") ?? "4053"}";

    /// <summary>depends_on as service name to condition (the short list form means service_started).</summary>
    public IReadOnlyDictionary<string, string> DependsOn =>
        body.TryGetValue("depends_on", out var value) ? value switch
        {
            List<object?> names => names.ToDictionary(n => n!.ToString()!, _ => "service_started"),
            Dictionary<object, object?> map => map.ToDictionary(
                d => d.Key.ToString()!,
                d => d.Value is Dictionary<object, object?> options && options.TryGetValue("condition", out var c) ? c!.ToString()! : "service_started"),
            _ => new Dictionary<string, string>(),
        } : new Dictionary<string, string>();

    /// <summary>Container ports published on the host ("127.0.0.1:4080:4080" publishes 4080).</summary>
    public IReadOnlyList<string> PublishedContainerPorts => List("ports").Select(p => p.Split(':').Last().Split('/')[0]).ToList();

    public override string ToString() => Name;
}
