using System.Reflection;

namespace Skupper.Cli.Host.Plugins;

/// <summary>A plugin that could not be loaded, with the reason the user is shown.</summary>
public sealed class PluginLoadException(string reason, Exception? inner = null) : Exception(reason, inner)
{
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
