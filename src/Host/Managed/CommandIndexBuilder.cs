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
        var found = store.Discover(roots);
        if (store.TryRead(found) is { } cached) return cached;
        var index = Build(found.Folders);
        store.Save(found, index);
        return index;
    }

    public CommandIndex Build(IReadOnlyList<PluginFolder> folders)
    {
        var index = new CommandIndex();
        var claimed = new Dictionary<string, PluginEntry>(StringComparer.Ordinal);
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
            entry.Broken = Conflict(entry, claimed);
            if (entry.Broken is null)
                foreach (var path in entry.Commands) claimed[path] = entry;
        }
        return index;
    }

    /// <summary>A lower-precedence plugin that repeats a command path (or takes a built-in name) is refused whole.</summary>
    private static string? Conflict(PluginEntry entry, Dictionary<string, PluginEntry> claimed)
    {
        foreach (var group in entry.Groups.Keys)
            if (CommandIndexStore.BuiltIns.Contains(group))
                return $"command \"{group}\" is built into the host";
        foreach (var path in entry.Commands)
            if (claimed.TryGetValue(path, out var owner))
                return $"command \"{path}\" is already provided by plugin {owner.Name} in {owner.Folder}";
        if (entry.Groups.Count == 0)
            return "it registered no commands";
        return null;
    }

    private static string? ReadVersion(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return pe.GetMetadataReader().GetAssemblyDefinition().Version.ToString(3);
    }
}
