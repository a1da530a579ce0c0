using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// The version rule, checked from metadata before anything is loaded: a plugin built against
/// SDK major N loads in any host of major N, unless it was built against a newer minor than
/// the host has.
/// </summary>
public static class SdkCompatibility
{
    public const string SdkAssemblyName = "Skupper.Cli.Sdk";

    /// <summary>Null when the plugin may load, else the reason it may not.</summary>
    public static string? Check(string entryAssemblyPath, Version hostSdk, string invocationName)
    {
        Version? built;
        try
        {
            using var stream = File.OpenRead(entryAssemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return "not a .NET assembly";
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly) return "not a .NET assembly";
            built = reader.AssemblyReferences
                .Select(h => reader.GetAssemblyReference(h))
                .Where(r => reader.GetString(r.Name) == SdkAssemblyName)
                .Select(r => r.Version)
                .FirstOrDefault();
        }
        catch (BadImageFormatException)
        {
            return "not a .NET assembly";
        }
        if (built is null)
            return $"{Path.GetFileName(entryAssemblyPath)} does not reference {SdkAssemblyName}: not a kubectl-skupper plugin";
        if (built.Major != hostSdk.Major)
            return $"built for SDK {built.Major}.{built.Minor}, but this host ({hostSdk.ToString(3)}) " +
                   $"loads plugins built for SDK {hostSdk.Major}.x";
        if (built.Minor > hostSdk.Minor)
            return $"built for SDK {built.Major}.{built.Minor}: needs {invocationName} {built.Major}.{built.Minor} or later " +
                   $"(this is {hostSdk.ToString(3)})";
        return null;
    }
}
