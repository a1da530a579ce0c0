using Skupper.Cli.Host.Cli;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Who gets a command path that several plugins register (docs/plugins.md, "Command conflicts"). In this order, the first
/// one gets it:
/// <list type="number">
/// <item>the host: its own top-level names (<see cref="BuiltInCommands.Names"/>) and every command under them;</item>
/// <item>the bundled plugins (the host's own <c>plugins/</c> folder): the ones the product ships
/// (<see cref="PluginRoots.Shipped"/>), then any other there, by folder name;</item>
/// <item>the third-party plugins in precedence order: the roots in order, and in one root the folders by name (ordinal).</item>
/// </list>
/// A later plugin loses that command only (<see cref="PluginEntry.Conflicts"/> says to whom) and keeps every other, so
/// no plugin can switch off another's commands, and the bundled ones cannot be shadowed at all.
/// </summary>
public static class CommandOwnership
{
    /// <summary>
    /// Leaves in each working plugin's <see cref="PluginEntry.Commands"/> only the paths it owns, and in its
    /// <see cref="PluginEntry.Groups"/> only the groups it still adds a command to. Running it again changes nothing, so the
    /// native executable may run it over an index the managed host already resolved, with its linked plugins as the bundled ones.
    /// </summary>
    public static void Resolve(IReadOnlyList<PluginEntry> plugins)
    {
        // Plain loops, no collection per plugin and no substring per command: this runs on every `plugin list`, `--help`
        // and TAB press, once per command of every plugin installed, and in the native executable LINQ's generic virtual
        // calls and every allocation (a page fault a page) cost more than the work. 50 plugins of 10 commands: 158 KiB
        // allocated here before, measured with GC.GetAllocatedBytesForCurrentThread.
        var paths = 0;
        foreach (var plugin in plugins) paths += plugin.Commands.Count;
        var owners = new Dictionary<string, PluginEntry>(paths, StringComparer.Ordinal);
        foreach (var plugin in ClaimOrder(plugins))
        {
            var owned = new List<string>(plugin.Commands.Count);
            foreach (var path in plugin.Commands)
            {
                if (owners.TryGetValue(path, out var owner))
                {
                    // Registered twice by this plugin, or already refused to it: said once.
                    if (owner != plugin && !plugin.Conflicts.Exists(c => c.Command == path))
                        plugin.Conflicts.Add(CommandConflict.ProvidedBy(path, owner));
                }
                else if (BuiltInCommands.Owns(GroupSpan(path)))
                {
                    if (!plugin.Conflicts.Exists(c => c.Command == path)) plugin.Conflicts.Add(CommandConflict.BuiltIn(path));
                }
                else
                {
                    owners[path] = plugin;
                    owned.Add(path);
                }
            }
            plugin.Commands = owned;
            if (!LosesAGroup(plugin.Groups, owned)) continue;
            var groups = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (group, description) in plugin.Groups)
                if (AddsTo(group, owned)) groups[group] = description;
            plugin.Groups = groups;
        }
    }

    /// <summary>Whether a group of the plugin has no command left in it.</summary>
    private static bool LosesAGroup(Dictionary<string, string> groups, List<string> owned)
    {
        foreach (var group in groups.Keys)
            if (!AddsTo(group, owned)) return true;
        return false;
    }

    private static bool AddsTo(string group, List<string> owned)
    {
        foreach (var path in owned)
            if (GroupSpan(path).SequenceEqual(group)) return true;
        return false;
    }

    /// <summary>
    /// The working plugins, the shipped ones first, then any other bundled one, then the rest, each kind in the precedence
    /// order the plugins are listed in (the native executable lists its linked plugins apart, but they are all shipped).
    /// </summary>
    public static IEnumerable<PluginEntry> ClaimOrder(IEnumerable<PluginEntry> plugins) =>
        plugins.Where(p => p.IsWorking).OrderBy(p => p.Source != PluginRoots.Bundled ? 2 : PluginRoots.Shipped.Contains(p.Name) ? 0 : 1);

    /// <summary>"site" of "site status".</summary>
    public static string GroupOf(string path) => GroupSpan(path).ToString();

    private static ReadOnlySpan<char> GroupSpan(string path) =>
        path.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? path.AsSpan(0, space) : path;
}
