using System.Reflection;
using System.Text.RegularExpressions;
using Sweeps.Cli.Commands;
using Sweeps.Core.Jobs;

namespace Sweeps.Cli.Plugins;

/// <summary>
/// Loads job kinds from plugin assemblies (<c>--jobs path/to/MyJobs.dll</c>), each in its own load context, into a
/// registry beside the built-in kinds. A plugin's job is a public, non-abstract class implementing <see cref="IJob"/>
/// with a public static <c>Definition</c> property of type <see cref="JobDefinition"/> (as the built-in
/// <see cref="NoopJob"/>). Anything else (no file, not an assembly, no job, a kind already taken) is a
/// <see cref="UsageException"/>: exit 2, nothing started.
/// </summary>
public static partial class JobPlugins
{
    /// <summary>Plugins loaded in this process, by full path: a command that loads one twice (run, then a bench) reuses it.</summary>
    private static readonly Dictionary<string, IReadOnlyList<JobDefinition>> Loaded = new(StringComparer.Ordinal);

    public const string OptionDescription =
        "A plugin assembly (.dll) whose job kinds to add, repeatable: public classes implementing IJob, each with a static Definition (README, \"Write your own job\").";

    /// <summary>The built-in job kinds plus those of the plugins; <paramref name="names"/> gets the plugins' file names.</summary>
    public static JobRegistry Registry(IEnumerable<string> plugins, out IReadOnlyList<string> names)
    {
        var registry = BuiltInJobs.Create();
        names = Load(registry, plugins);
        return registry;
    }

    /// <inheritdoc cref="Registry(IEnumerable{string}, out IReadOnlyList{string})"/>
    public static JobRegistry Registry(IEnumerable<string> plugins) => Registry(plugins, out _);

    /// <summary>Registers every job of every plugin; returns the plugins' file names (what a worker tells the coordinator).</summary>
    public static IReadOnlyList<string> Load(JobRegistry registry, IEnumerable<string> paths)
    {
        var names = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            var path = Check(given);
            if (!seen.Add(path)) continue; // the same plugin named twice
            var definitions = Definitions(given, path);
            foreach (var definition in definitions)
            {
                if (registry.TryGet(definition.Kind, out _))
                    throw new UsageException($"--jobs {given}: job kind '{definition.Kind}' is already " +
                                             (owners.TryGetValue(definition.Kind, out var other) ? $"defined by the plugin {other}" : "built into Sweeps") +
                                             "; give the plugin's job another kind (e.g. prefix it with your project's name: myproject.train)");
                registry.Register(definition);
                owners[definition.Kind] = path;
            }
            names.Add(Path.GetFileName(path));
        }
        return names;
    }

    private static string Check(string given)
    {
        if (string.IsNullOrWhiteSpace(given)) throw new UsageException("--jobs: the path is empty; give a plugin assembly, e.g. --jobs bin/MyJobs.dll");
        string path;
        try
        {
            path = Path.GetFullPath(given);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--jobs {given}: not a usable path ({e.Message})");
        }
        if (Directory.Exists(path)) throw new UsageException($"--jobs {given}: is a folder; give the plugin's assembly in it (the .dll its build wrote)");
        if (!File.Exists(path)) throw new UsageException($"--jobs {given}: there is no such file; give the path of a plugin assembly (.dll)");
        return path;
    }

    private static IReadOnlyList<JobDefinition> Definitions(string given, string path)
    {
        if (Loaded.TryGetValue(path, out var known)) return known;
        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException)
        {
            throw new UsageException($"--jobs {given}: is not a .NET assembly; give the .dll a plugin project's build wrote");
        }
        catch (Exception e) when (e is FileLoadException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--jobs {given}: cannot be loaded: {e.Message}");
        }
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var cause = e is ReflectionTypeLoadException load ? load.LoaderExceptions.FirstOrDefault(x => x is not null)?.Message ?? e.Message : e.Message;
            throw new UsageException($"--jobs {given}: its types cannot be loaded ({cause}); build it against this Sweeps " +
                                     $"(Sweeps.Core {typeof(IJob).Assembly.GetName().Version}) and keep its dependencies beside it");
        }
        var definitions = new List<JobDefinition>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IJob).IsAssignableFrom(t)))
            definitions.Add(Definition(given, type));
        if (definitions.Count == 0)
            throw new UsageException($"--jobs {given}: holds no job; a plugin job is a public class implementing {typeof(IJob).FullName} " +
                                     $"with a public static {nameof(JobDefinition)} Definition property (see README, \"Write your own job\")");
        Loaded[path] = definitions;
        return definitions;
    }

    private static JobDefinition Definition(string given, Type type)
    {
        var property = type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static);
        if (property is null || property.PropertyType != typeof(JobDefinition) || property.GetMethod is null)
            throw new UsageException($"--jobs {given}: the job {type.FullName} has no public static {nameof(JobDefinition)} Definition property; " +
                                     "add one (its kind, description, parameters, metrics, and how to create the job)");
        JobDefinition? definition;
        try
        {
            definition = (JobDefinition?)property.GetValue(null);
        }
        catch (TargetInvocationException e)
        {
            throw new UsageException($"--jobs {given}: {type.FullName}.Definition threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
        }
        if (definition is null) throw new UsageException($"--jobs {given}: {type.FullName}.Definition is null");
        if (!KindPattern().IsMatch(definition.Kind ?? ""))
            throw new UsageException($"--jobs {given}: {type.FullName} has the job kind '{definition.Kind}'; a kind is a letter followed by up to 99 " +
                                     "letters, digits, '.', '_' or '-' (e.g. myproject.train)");
        return definition;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex KindPattern();
}
