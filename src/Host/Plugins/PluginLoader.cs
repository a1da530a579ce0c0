using System.Reflection;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>A plugin that could not be loaded, with the reason the user is shown.</summary>
public sealed class PluginLoadException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>Loads a plugin's entry assembly into its own context and creates its plugin object.</summary>
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
                    : $"{Path.GetFileName(entryAssemblyPath)} has several ISkupperPlugin classes ({string.Join(", ", types.Select(t => t.Name))})");
            return (ISkupperPlugin)Activator.CreateInstance(types[0])!;
        }
        catch (PluginLoadException) { throw; }
        catch (Exception e) { throw new PluginLoadException(Describe(e), e); }
    }

    /// <summary>Turns loader failures into the sentence a user can act on.</summary>
    public static string Describe(Exception e) => e switch
    {
        BadImageFormatException => "not a .NET assembly",
        ReflectionTypeLoadException r when r.LoaderExceptions.FirstOrDefault(x => x is not null) is { } first => Describe(first),
        FileNotFoundException f => $"missing dependency {AssemblyDisplay(f.FileName)}",
        FileLoadException f => $"cannot load dependency {AssemblyDisplay(f.FileName)}: {f.Message}",
        TypeLoadException t => $"incompatible types: {t.Message}",
        TargetInvocationException { InnerException: { } inner } => Describe(inner),
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static string AssemblyDisplay(string? fileName) =>
        fileName is null ? "(unknown)" : new AssemblyName(fileName).Name ?? fileName;
}
