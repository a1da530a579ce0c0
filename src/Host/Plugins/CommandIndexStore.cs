using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Reads the command index from <c>$XDG_CACHE_HOME/skupper/</c> (<see cref="CommandIndexCache"/>)
/// when it still matches the plugins on disk, else rebuilds it by loading every trusted plugin. A
/// cache folder that cannot be written only makes every run rebuild.
/// </summary>
public sealed class CommandIndexStore(HostEnvironment env, PluginLoader loader)
{
    /// <summary>Names the host keeps for itself.</summary>
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal) { "version", "plugin", "hook", "help" };

    public CommandIndex Load(IReadOnlyList<PluginRoot> roots)
    {
        var folders = PluginFolder.Discover(roots);
        var fingerprint = Fingerprint(roots, folders);
        var cache = new CommandIndexCache(CacheFile(roots), Debug);
        var cached = cache.TryRead();
        if (cached is not null && cached.Fingerprint == fingerprint)
        {
            if (Agrees(cached, folders)) return cached;
            Debug("command index names plugins or assemblies that discovery did not find, rebuilding");
        }

        var index = Build(folders);
        index.Fingerprint = fingerprint;
        cache.TryWrite(index);
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
                entry.Broken = $"failed while registering its commands: {PluginLoader.Describe(e)}";
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

    /// <summary>
    /// A cached index is only a faster way to what <see cref="Build"/> would give, and its
    /// fingerprint is no secret: so every entry must be, in order, a folder that this run's
    /// discovery found, with the same trust verdict and the same entry assembly (a DLL in that
    /// folder, never one named from elsewhere). Anything else is stale or forged.
    /// </summary>
    private static bool Agrees(CommandIndex cached, IReadOnlyList<PluginFolder> folders)
    {
        if (cached.Plugins.Count != folders.Count) return false;
        for (var i = 0; i < folders.Count; i++)
        {
            var (entry, folder) = (cached.Plugins[i], folders[i]);
            if (entry.Name != folder.Name || entry.Folder != folder.Path || entry.Source != folder.Root.Source
                || entry.Refused != folder.Refused || entry.EntryAssembly != folder.EntryAssembly
                || (entry.IsWorking && folder.EntryAssembly is null))
                return false;
        }
        return true;
    }

    /// <summary>A lower-precedence plugin that repeats a command path (or takes a built-in name) is refused whole.</summary>
    private static string? Conflict(PluginEntry entry, Dictionary<string, PluginEntry> claimed)
    {
        foreach (var group in entry.Groups.Keys)
            if (BuiltIns.Contains(group))
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

    /// <summary>A hash of every plugin file's path, size and time, each folder's trust verdict, the roots and the host version.</summary>
    private static string Fingerprint(IReadOnlyList<PluginRoot> roots, IReadOnlyList<PluginFolder> folders)
    {
        var sb = new StringBuilder();
        sb.Append("host ").Append(typeof(CommandIndexStore).Assembly.GetName().Version).Append('\n');
        foreach (var root in roots) sb.Append("root ").Append(root.Path).Append('|').Append(root.Source).Append('\n');
        foreach (var folder in folders)
        {
            // A chmod changes no file time, so the verdict itself is part of the fingerprint.
            sb.Append("folder ").Append(folder.Path).Append('|').Append(folder.Refused).Append('\n');
            foreach (var line in folder.Files) sb.Append(line).Append('\n');
        }
        return Fnv1a(sb.ToString()).ToString("x16");
    }

    /// <summary>One cache file per host installation and set of roots, so two installs never fight over one.</summary>
    private string CacheFile(IReadOnlyList<PluginRoot> roots)
    {
        var key = env.ExecutableDirectory + "\n" + string.Join("\n", roots.Select(r => r.Path));
        return Path.Combine(env.XdgDir("XDG_CACHE_HOME", ".cache"), "skupper", $"command-index-{Fnv1a(key):x16}.tsv");
    }

    /// <summary>FNV-1a: stable across runs (string.GetHashCode is not); change detection, not security.</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text) { hash ^= ch; hash *= 1099511628211UL; }
        return hash;
    }

    private void Debug(string message)
    {
        if (env.Debug) env.Error.WriteLine($"debug: {message}");
    }
}
