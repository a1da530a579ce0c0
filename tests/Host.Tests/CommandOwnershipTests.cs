using Shouldly;
using Skupper.Cli.Host.Plugins;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// CommandOwnership.Resolve on index entries as discovery and the command index give them: who keeps which command and
/// group, and what each loser is told. The end-to-end conflict tests run it through the built CLI; these pin the cases
/// they do not reach.
/// </summary>
public sealed class CommandOwnershipTests
{
    private static PluginEntry Plugin(string name, string source, IEnumerable<string> groups, params string[] commands) => new()
    {
        Name = name,
        Folder = $"/plugins/{name}",
        Source = source,
        Groups = groups.ToDictionary(g => g, g => $"The {g} commands.", StringComparer.Ordinal),
        Commands = [.. commands],
    };

    [Fact]
    public void A_plugin_keeps_only_the_groups_it_still_adds_a_command_to()
    {
        var site = Plugin("site", PluginRoots.Bundled, ["site"], "site create", "site status");
        var shadow = Plugin("shadow", "user", ["site", "backup"], "site status", "backup create");

        CommandOwnership.Resolve([site, shadow]);

        shadow.Commands.ShouldBe(["backup create"]);
        shadow.Groups.Keys.ShouldBe(["backup"]);
        shadow.Conflicts.ShouldBe([CommandConflict.ProvidedBy("site status", site)]);
        site.Commands.ShouldBe(["site create", "site status"]);
        site.Groups.Keys.ShouldBe(["site"]);
    }

    [Fact]
    public void A_plugin_that_adds_a_command_to_another_plugins_group_keeps_that_group()
    {
        var site = Plugin("site", PluginRoots.Bundled, ["site"], "site create");
        var extra = Plugin("extra", "user", ["site"], "site backup");

        CommandOwnership.Resolve([site, extra]);

        extra.Commands.ShouldBe(["site backup"]);
        extra.Groups.Keys.ShouldBe(["site"]);
        extra.Conflicts.ShouldBeEmpty();
    }

    [Fact]
    public void A_path_registered_twice_is_owned_or_refused_once()
    {
        var first = Plugin("alpha", "user", ["backup"], "backup create");
        var twice = Plugin("beta", "user", ["backup", "restore"], "backup create", "restore run", "backup create", "restore run");

        CommandOwnership.Resolve([first, twice]);

        twice.Commands.ShouldBe(["restore run"]);
        twice.Conflicts.ShouldBe([CommandConflict.ProvidedBy("backup create", first)]);
    }

    [Fact]
    public void The_hosts_own_names_go_to_no_plugin_and_resolving_again_changes_nothing()
    {
        var plugin = Plugin("tools", "user", ["version", "plugin", "tools"], "version", "plugin list", "tools run", "version");

        CommandOwnership.Resolve([plugin]);
        CommandOwnership.Resolve([plugin]);

        plugin.Commands.ShouldBe(["tools run"]);
        plugin.Groups.Keys.ShouldBe(["tools"]);
        plugin.Conflicts.ShouldBe([CommandConflict.BuiltIn("version"), CommandConflict.BuiltIn("plugin list")]);
    }
}
