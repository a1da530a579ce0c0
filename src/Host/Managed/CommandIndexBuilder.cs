using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Builds the command index by loading every trusted plugin once and recording what it registers; the
/// managed host's part of <see cref="CommandIndexStore"/> (the native executable cannot load assemblies).
/// </summary>
public sealed class CommandIndexBuilder(HostEnvironment env, PluginLoader loader)
{
    /// <summary>The cached index when it still matches the plugins on disk, else a new one, saved.</summary>
    public CommandIndex Load(IReadOnlyList<PluginRoot> roots)
    {
        var store = new CommandIndexStore(env);
        var found = CommandIndexStore.Discover(roots);
        if (store.TryRead(found) is { } cached) return cached;
        var index = Build(found.Folders);
        store.Save(found, index);
        return index;
    }

    public CommandIndex Build(IReadOnlyList<PluginFolder> folders)
    {
        var index = new CommandIndex();
        var hostSdk = typeof(ISkupperPlugin).Assembly.GetName().Version!;
        foreach (var folder in folders)
        {
            var entry = new PluginEntry { Name = folder.Name, Folder = folder.Path, Source = folder.Root.Source, Refused = folder.Refused };
            index.Plugins.Add(entry);
            if (entry.Refused is not null) continue;
            var assembly = folder.EntryAssembly;
            entry.EntryAssembly = assembly;
            entry.Broken = folder.EntryProblem ?? SdkCompatibility.Check(assembly!, hostSdk, env.InvocationName);
            if (entry.Broken is not null) continue;
            entry.Version = ReadVersion(assembly!);

            var registrar = new RecordingRegistrar(env.InvocationName);
            try
            {
                loader.Create(assembly!).Register(registrar);
            }
            catch (PluginLoadException e)
            {
                entry.Broken = e.Message;
                continue;
            }
            catch (Exception e)
            {
                entry.Broken = $"failed while registering its commands: {PluginLoadException.Describe(e)}";
                continue;
            }
            entry.Groups = registrar.Groups;
            entry.Commands = registrar.Commands;
            if (entry.Groups.Count == 0) entry.Broken = "it registered no commands";
        }
        // Every plugin is known before any command is given out: the bundled ones claim theirs first, wherever they are listed.
        CommandOwnership.Resolve(index.Plugins);
        return index;
    }

    private static string? ReadVersion(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return pe.GetMetadataReader().GetAssemblyDefinition().Version.ToString(3);
    }
}
