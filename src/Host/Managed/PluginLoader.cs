using System.Reflection;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>Loads a plugin's entry assembly into its own context and creates its plugin object (the managed host only).</summary>
public sealed class PluginLoader
{
    private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.Ordinal);

    /// <summary>Creates the plugin object; throws <see cref="PluginLoadException"/> with a one-line reason.</summary>
    public ISkupperPlugin Create(string entryAssemblyPath)
    {
        try
        {
            if (!_loaded.TryGetValue(entryAssemblyPath, out var assembly))
            {
                var context = new PluginLoadContext(entryAssemblyPath);
                assembly = context.LoadFromAssemblyPath(entryAssemblyPath);
                if (context.FindMissingDependency(assembly) is { } missing)
                    throw new PluginLoadException($"missing dependency {missing}");
                _loaded[entryAssemblyPath] = assembly;
            }
            var types = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISkupperPlugin).IsAssignableFrom(t))
                .ToList();
            if (types.Count != 1)
                throw new PluginLoadException(types.Count == 0
                    ? $"{Path.GetFileName(entryAssemblyPath)} has no public class implementing ISkupperPlugin"
                    : $"{Path.GetFileName(entryAssemblyPath)} has several ISkupperPlugin classes " +
                      $"({string.Join(", ", types.Select(t => t.Name))})");
            return (ISkupperPlugin)Activator.CreateInstance(types[0])!;
        }
        catch (PluginLoadException) { throw; }
        catch (Exception e) { throw new PluginLoadException(PluginLoadException.Describe(e), e); }
    }
}
