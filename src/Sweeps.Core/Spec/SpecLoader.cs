using System.Text;
using Sweeps.Core.Jobs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Reads sweep specs from YAML: one sweep (a mapping with <c>name:</c>) or a list under <c>sweeps:</c>.
/// Throws <see cref="SpecException"/> listing every mistake found, each with file, line, field and a hint.
/// Text past <see cref="SpecLimits"/> is refused before it is parsed.
/// </summary>
public static class SpecLoader
{
    public static IReadOnlyList<SweepSpec> LoadFile(string path, JobRegistry jobs)
    {
        if (Directory.Exists(path)) throw new SpecException([Folder(path)]);
        string yaml;
        try
        {
            // The size first: a file too large is refused without being read.
            if (new FileInfo(path) is { Exists: true, Length: > SpecLimits.MaxBytes } large) throw SpecLimitScan.TooBig(path, large.Length);
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SpecException([new SpecError(path, 1, "file", "does not exist", $"check the path; looked in {Path.GetFullPath(path)}")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException([new SpecError(path, 1, "file", $"cannot be read: {e.Message}", "check that the file exists and is readable")]);
        }
        return Parse(yaml, path, jobs, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <param name="folder">
    /// Where relative file paths (<see cref="JobParameter.IsFile"/>) resolve; null (text from a request, a journal, the
    /// store) leaves them as written.
    /// </param>
    public static IReadOnlyList<SweepSpec> Parse(string yaml, string fileName, JobRegistry jobs, string? folder = null)
    {
        SpecLimitScan.Check(yaml, fileName);
        var problems = new SpecProblems(fileName);
        var stream = new YamlStream();
        var tracker = new YamlTracker(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(tracker);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            throw new SpecException([YamlSyntaxError.From(e, yaml, fileName, tracker)]);
        }

        var specs = new List<SweepSpec>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new SweepReader(problems, jobs, folder);
        var sweepCount = 0;
        foreach (var sweep in SweepsIn(stream, problems))
        {
            sweepCount++;
            var spec = reader.Read(sweep, out var name, out var nameLine);
            if (name is not null && !firstLineOf.TryAdd(name, nameLine))
                problems.Add(nameLine, "name", $"sweep '{name}' is defined twice in this file (first at line {firstLineOf[name]})",
                    "give each sweep its own name");
            if (spec is null) continue;
            // What is sent and stored is the canonical text: it must pass the coordinator's limits as well.
            var written = Encoding.UTF8.GetByteCount(SpecText.ToCanonicalYaml(spec));
            if (written > SpecLimits.MaxBytes)
                problems.Add(nameLine, "name", $"sweep '{spec.Name}' written out in full (aliases expanded, texts quoted) is " +
                    $"{SpecLimits.Count(written)} bytes; a spec may be at most {SpecLimits.Count(SpecLimits.MaxBytes)} bytes (1 MiB)",
                    "give many numbers as a range {min, max, steps} rather than a list, or split the sweep");
            else specs.Add(spec);
        }
        if (sweepCount == 0 && problems.Count == 0)
            problems.Add(1, "file", "holds no sweep", "write one sweep (name:, job:, parameters: ...) or a list under sweeps:");
        if (problems.Count > 0) throw new SpecException(problems.Shown());
        return specs;
    }

    /// <summary>
    /// Rebuilds a spec from the canonical text this program wrote after <see cref="Parse"/> accepted it (a journal, a
    /// snapshot, the store), without checking it again: recovery takes time linear in the text and does not depend on
    /// which jobs are registered now. Text of any other origin goes through <see cref="Parse"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not a canonical spec: it was damaged after it was written.</exception>
    public static SweepSpec ParseTrusted(string canonicalYaml, string origin) => CanonicalReader.Read(canonicalYaml, origin);

    private static IEnumerable<YamlMappingNode> SweepsIn(YamlStream stream, SpecProblems problems)
    {
        foreach (var document in stream.Documents)
        {
            var root = document.RootNode;
            if (root is YamlMappingNode map && SweepReader.Find(map, "sweeps") is { } list)
            {
                foreach (var key in map.Children.Keys)
                {
                    if (key is YamlScalarNode { Value: "sweeps" }) continue;
                    problems.Add(key, Field(key), "is not allowed beside sweeps:",
                        "put it inside each sweep of the list, or write a single sweep without sweeps:");
                }
                if (list is not YamlSequenceNode sequence)
                {
                    problems.Add(list, "sweeps", $"must be a list of sweeps, got {SpecScalar.Describe(list)}", "write each sweep as a list item: - name: ...");
                    continue;
                }
                foreach (var item in sequence.Children)
                {
                    if (item is YamlMappingNode sweep) yield return sweep;
                    else problems.Add(item, "sweeps", $"each item must be a sweep (a mapping with name:, job:, ...), got {SpecScalar.Describe(item)}", "write - name: my-sweep, then its keys indented below");
                }
            }
            else if (root is YamlMappingNode sweep)
            {
                yield return sweep;
            }
            else if (!(root is YamlScalarNode scalar && SpecScalar.IsEmpty(scalar)))
            {
                problems.Add(root, "file", $"must hold a sweep (a mapping with name:) or a list under sweeps:, got {SpecScalar.Describe(root)}",
                    "start the file with name: my-sweep");
            }
        }
    }

    private static SpecError Folder(string path)
    {
        var specs = Directory.EnumerateFiles(path, "*.yaml").Concat(Directory.EnumerateFiles(path, "*.yml")).Order(StringComparer.Ordinal).Take(3).ToList();
        return new SpecError(path, 1, "file", "is a folder, not a spec file",
            specs.Count == 0 ? "give the path of a .yaml spec file" : $"give the path of a spec file, e.g. {string.Join(", ", specs)}");
    }

    private static string Field(YamlNode key) => key is YamlScalarNode { Value: { } value } ? value : "key";
}
