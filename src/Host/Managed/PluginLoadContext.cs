using System.Reflection;
using System.Runtime.Loader;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// One per plugin: resolves the plugin's private dependencies from its own folder, so two
/// plugins may carry different versions of the same library. The contract assemblies are
/// left to the default context, so that host and plugins agree on their types.
/// </summary>
public sealed class PluginLoadContext(string entryAssemblyPath)
    : AssemblyLoadContext(System.IO.Path.GetFileNameWithoutExtension(entryAssemblyPath))
{
    /// <summary>
    /// Shared with the host: the SDK and the one library its interfaces expose. The host's parser is
    /// not among them since SDK 2.0 declares options through its own types, so a plugin may use any version of it.
    /// </summary>
    public static readonly IReadOnlySet<string> SharedAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Skupper.Cli.Sdk",
        "KubernetesClient",
    };

    private readonly AssemblyDependencyResolver _resolver = new(entryAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && SharedAssemblies.Contains(name)) return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>
    /// The first direct dependency that neither the plugin folder, the shared contract nor the
    /// framework provides. Found now, so that the plugin is reported broken at discovery instead
    /// of failing half-way through a command.
    /// </summary>
    public string? FindMissingDependency(Assembly entry)
    {
        var framework = FrameworkAssemblies.Value;
        foreach (var reference in entry.GetReferencedAssemblies())
        {
            if (reference.Name is not { } name || SharedAssemblies.Contains(name) || framework.Contains(name)) continue;
            var path = _resolver.ResolveAssemblyToPath(reference);
            if (path is null || !File.Exists(path)) return $"{name} {reference.Version}";
        }
        return null;
    }

    /// <summary>
    /// The runtime's own assemblies: the trusted platform list minus the host's own libraries
    /// (its packages and projects in its deps.json), which a plugin must not silently borrow: it
    /// would get the host's version. In a self-contained install both live in one folder, so
    /// the deps.json, not the folder, tells them apart.
    /// </summary>
    private static readonly Lazy<HashSet<string>> FrameworkAssemblies = new(() =>
    {
        var trusted = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => System.IO.Path.GetFileNameWithoutExtension(p))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        trusted.ExceptWith(HostLibraries());
        return trusted;
    });

    private static IEnumerable<string> HostLibraries()
    {
        var depsFile = ((AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (depsFile is null || !File.Exists(depsFile)) yield break;
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(depsFile));
        var root = doc.RootElement;
        if (!root.TryGetProperty("targets", out var targets) || !root.TryGetProperty("libraries", out var libraries)) yield break;
        foreach (var target in targets.EnumerateObject())
            foreach (var library in target.Value.EnumerateObject())
            {
                var own = libraries.TryGetProperty(library.Name, out var info) && info.TryGetProperty("type", out var type)
                    && type.GetString() is "package" or "project";
                if (!own || !library.Value.TryGetProperty("runtime", out var runtime)) continue;
                foreach (var asset in runtime.EnumerateObject())
                    yield return System.IO.Path.GetFileNameWithoutExtension(asset.Name);
            }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
