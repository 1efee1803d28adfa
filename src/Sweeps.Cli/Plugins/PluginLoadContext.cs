using System.Reflection;
using System.Runtime.Loader;

namespace Sweeps.Cli.Plugins;

/// <summary>
/// One plugin assembly and its own dependencies (found through its .deps.json, else beside it), apart from the host's.
/// Sweeps.Core is shared with the host, so the plugin's <see cref="Core.Jobs.IJob"/> is the host's type; the .NET runtime
/// comes from the host as for any assembly.
/// </summary>
internal sealed class PluginLoadContext(string path) : AssemblyLoadContext($"sweeps-plugin:{Path.GetFileName(path)}")
{
    private static readonly string Shared = typeof(Core.Jobs.IJob).Assembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver = new(path);

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name == Shared) return null; // the host's Sweeps.Core
        return _resolver.ResolveAssemblyToPath(name) is { } found ? LoadFromAssemblyPath(found) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string name) =>
        _resolver.ResolveUnmanagedDllToPath(name) is { } found ? LoadUnmanagedDllFromPath(found) : IntPtr.Zero;
}
