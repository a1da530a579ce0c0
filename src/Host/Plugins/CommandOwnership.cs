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
        // Plain loops and no string splitting: in the native executable LINQ's generic virtual calls cost more than the
        // work, and this runs on every `plugin list`, `--help` and TAB press, once per plugin installed.
        var owners = new Dictionary<string, PluginEntry>(StringComparer.Ordinal);
        foreach (var plugin in ClaimOrder(plugins))
        {
            var owned = new List<string>(plugin.Commands.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ownedGroups = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in plugin.Commands)
            {
                if (!seen.Add(path)) continue;
                if (BuiltInCommands.Names.Contains(GroupOf(path)))
                    plugin.Conflicts.Add(CommandConflict.BuiltIn(path));
                else if (owners.TryGetValue(path, out var owner))
                    plugin.Conflicts.Add(CommandConflict.ProvidedBy(path, owner));
                else
                {
                    owners[path] = plugin;
                    owned.Add(path);
                    ownedGroups.Add(GroupOf(path));
                }
            }
            plugin.Commands = owned;
            var groups = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (group, description) in plugin.Groups)
                if (ownedGroups.Contains(group)) groups[group] = description;
            plugin.Groups = groups;
        }
    }

    /// <summary>
    /// The working plugins, the shipped ones first, then any other bundled one, then the rest, each kind in the precedence
    /// order the plugins are listed in (the native executable lists its linked plugins apart, but they are all shipped).
    /// </summary>
    public static IEnumerable<PluginEntry> ClaimOrder(IEnumerable<PluginEntry> plugins) =>
        plugins.Where(p => p.IsWorking).OrderBy(p => p.Source != PluginRoots.Bundled ? 2 : PluginRoots.Shipped.Contains(p.Name) ? 0 : 1);

    /// <summary>"site" of "site status".</summary>
    public static string GroupOf(string path) => path.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? path[..space] : path;
}
