using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// The command index in <c>$XDG_CACHE_HOME/skupper/</c> (<see cref="CommandIndexCache"/>), used only while it
/// still matches the plugins on disk. The managed host rebuilds a stale one by loading every trusted plugin
/// (<see cref="CommandIndexBuilder"/>); the native executable only reads it, to list and dispatch third-party
/// commands without starting a runtime. A cache folder that cannot be written only makes every run rebuild.
/// </summary>
public sealed class CommandIndexStore(HostEnvironment env)
{
    /// <summary>What discovery found this run, and the fingerprint a matching index must carry.</summary>
    public sealed record Discovery(IReadOnlyList<PluginRoot> Roots, IReadOnlyList<PluginFolder> Folders, string Fingerprint);

    public static Discovery Discover(IReadOnlyList<PluginRoot> roots)
    {
        var folders = PluginFolder.Discover(roots);
        return new Discovery(roots, folders, Fingerprint(roots, folders));
    }

    /// <summary>The cached index when it matches <paramref name="found"/>; else null.</summary>
    public CommandIndex? TryRead(Discovery found)
    {
        var cached = Cache(found.Roots).TryRead();
        if (cached is null) return null;
        if (cached.Fingerprint != found.Fingerprint)
        {
            Debug($"command index fingerprint {cached.Fingerprint} is not this run's {found.Fingerprint}: plugins changed, rebuilding");
            return null;
        }
        if (Agrees(cached, found.Folders)) return cached;
        Debug("command index names plugins or assemblies that discovery did not find, rebuilding");
        return null;
    }

    public void Save(Discovery found, CommandIndex index)
    {
        index.Fingerprint = found.Fingerprint;
        Cache(found.Roots).TryWrite(index);
    }

    private CommandIndexCache Cache(IReadOnlyList<PluginRoot> roots) => new(CacheFile(roots), Debug);

    /// <summary>
    /// A cached index is only a faster way to what a rebuild would give, and its
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

    /// <summary>A hash of every plugin file's path, size and time, each folder's trust verdict, the roots and the host version.</summary>
    private static string Fingerprint(IReadOnlyList<PluginRoot> roots, IReadOnlyList<PluginFolder> folders)
    {
        // Hashed as it goes, never joined into one text: with 50 plugins that text and its copies were a fifth of what
        // plugin list allocates, and fresh memory costs a page fault a page. Each folder's files were hashed by its scan.
        var hash = new Fnv1a().Add("host ").Add(typeof(CommandIndexStore).Assembly.GetName().Version?.ToString()).Add("\n");
        foreach (var root in roots) hash.Add("root ").Add(root.Path).Add("|").Add(root.Source).Add("\n");
        foreach (var folder in folders)
        {
            // A chmod changes no file time, so the verdict itself is part of the fingerprint.
            hash.Add("folder ").Add(folder.Path).Add("|").Add(folder.Refused).Add("\n");
            hash.Add(folder.FilesHash);
        }
        return hash.Value.ToString("x16");
    }

    /// <summary>One cache file per host installation and set of roots, so two installs never fight over one.</summary>
    private string CacheFile(IReadOnlyList<PluginRoot> roots)
    {
        // Trailing separators trimmed: AppContext.BaseDirectory has one, the native executable's name for lib/ has not.
        var key = Path.TrimEndingDirectorySeparator(env.ExecutableDirectory) + "\n" + string.Join("\n", roots.Select(r => r.Path));
        return Path.Combine(env.XdgDir("XDG_CACHE_HOME", ".cache"), "skupper", $"command-index-{new Fnv1a().Add(key).Value:x16}.tsv");
    }

    private void Debug(string message)
    {
        if (env.Debug) env.Error.WriteLine($"debug: {message}");
    }
}
