using System.Text.Json;
using Shouldly;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// Plugins that register the same command: each command has one owner (the host, then the bundled plugins, then the
/// others by root and folder name), a plugin loses only the commands another owns, and says so in one line per run.
/// The overlap fixture registers <c>site status</c> (bundled), <c>site backup</c> (new in a bundled group),
/// <c>overlap ping</c> (in every copy) and <c>FOLDER hello</c> (its own), each printing which copy answered.
/// </summary>
public sealed class CommandConflictTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private static string Warning(string plugin, string folder, string conflicts) =>
        $"Warning: plugin \"{plugin}\" in {folder}: {conflicts}; run \"kubectl skupper plugin list\" for details\n";

    private const string SiteStatusIsBundled = "command \"site status\" not added: the bundled plugin site provides it";

    private async Task<RunResult> Ok(params string[] args)
    {
        var r = await KubectlSkupper(_home, args);
        r.ExitCode.ShouldBe(0, r.ToString());
        return r;
    }

    [Fact]
    public async Task A_plugin_repeating_a_bundled_command_loses_that_command_alone_with_one_warning()
    {
        var shadow = PluginWorkspace.InstallFixture("overlap", _home.UserPlugins, "shadow");
        var warning = Warning("shadow", shadow, SiteStatusIsBundled);

        // The managed host builds the command index; the native executable reads it from then on.
        var list = await Ok("plugin", "list");
        list.Err.ShouldBe(warning);
        list.Out.ShouldMatch(@"(?m)^shadow\s+\S+\s+ok \(1 command not added\)\s+site backup, overlap ping, shadow hello\s");
        list.Out.ShouldContain($"\nshadow: {SiteStatusIsBundled}\n");

        var create = await Ok("site", "create", "west", "--platform", "linux");
        create.Out.ShouldStartWith("Site \"west\" is created");
        create.Err.ShouldBe(warning);
        // Only the owner of the command is loaded.
        _home.Variables["SKUPPER_DEBUG"] = "1";
        (await Ok("site", "create", "--help")).Err.ShouldNotContain("plugin shadow");
        _home.Variables.Remove("SKUPPER_DEBUG");
        var status = await Ok("site", "status", "--platform", "linux");
        status.Out.ShouldMatch(@"^NAME\s+STATUS\s.*\nwest\s+Pending\s");
        status.Err.ShouldBe(warning);

        // Its other commands work, also the one it adds to the bundled group, which help lists beside the bundled ones.
        (await Ok("shadow", "hello")).Out.ShouldBe("hello from shadow\n");
        var backup = await Ok("site", "backup");
        backup.Out.ShouldBe("site backup from shadow\n");
        backup.Err.ShouldBe(warning);
        var help = await Ok("site", "--help");
        help.Out.ShouldStartWith("Manage the Skupper site in a namespace.");
        help.Out.ShouldMatch(@"(?m)^\s+backup\s+Print ""site backup from shadow""\.$");
        help.Out.ShouldMatch(@"(?m)^\s+create\s+Create a site\.$");
        help.Out.ShouldMatch(@"(?m)^\s+status\s+Display the status of a site\.$");
        help.Err.ShouldBe(warning);
        (await Ok("--help")).Out.ShouldMatch(@"(?m)^\s+site\s+Manage the Skupper site in a namespace\.$");
        var complete = await Ok("__complete", "site", "");
        complete.Out.Split('\n').Select(l => l.Split('\t')[0])
            .ShouldBe(["backup", "create", "delete", "generate", "status", "update", ":4", ""]);
    }

    [Fact]
    public async Task Plugins_sharing_a_command_keep_their_others_and_the_first_by_root_then_folder_name_gets_it()
    {
        var alpha = PluginWorkspace.InstallFixture("overlap", _home.UserPlugins, "alpha");
        var beta = PluginWorkspace.InstallFixture("overlap", _home.UserPlugins, "beta");

        var ping = await Ok("overlap", "ping");
        ping.Out.ShouldBe("ping from alpha\n");
        ping.Err.ShouldBe(Warning("alpha", alpha, SiteStatusIsBundled) + Warning("beta", beta,
            $"{SiteStatusIsBundled}; commands \"site backup\" and \"overlap ping\" not added: plugin alpha in {alpha} provides them"));
        (await Ok("alpha", "hello")).Out.ShouldBe("hello from alpha\n");
        (await Ok("beta", "hello")).Out.ShouldBe("hello from beta\n");
        (await Ok("site", "backup")).Out.ShouldBe("site backup from alpha\n");

        // A SKUPPER_PLUGIN_PATH folder comes before the user folder, whatever the names.
        var zulu = PluginWorkspace.InstallFixture("overlap", _home.PluginPathRoot(), "zulu");
        ping = await Ok("overlap", "ping");
        ping.Out.ShouldBe("ping from zulu\n");
        var lost = $"{SiteStatusIsBundled}; commands \"site backup\" and \"overlap ping\" not added: plugin zulu in {zulu} provides them";
        ping.Err.ShouldBe(Warning("zulu", zulu, SiteStatusIsBundled) + Warning("alpha", alpha, lost) + Warning("beta", beta, lost));
        foreach (var name in new[] { "alpha", "beta", "zulu" })
            (await Ok(name, "hello")).Out.ShouldBe($"hello from {name}\n");

        var list = await Ok("plugin", "list", "-o", "json");
        var plugins = JsonDocument.Parse(list.Out).RootElement.GetProperty("plugins").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!);
        plugins["alpha"].GetProperty("status").GetString().ShouldBe("ok");
        plugins["alpha"].TryGetProperty("reason", out _).ShouldBeFalse();
        plugins["alpha"].GetProperty("commands").EnumerateArray().Select(c => c.GetString()).ShouldBe(["alpha hello"]);
        var conflicts = plugins["alpha"].GetProperty("conflicts").EnumerateArray().ToList();
        conflicts.Select(c => c.GetProperty("command").GetString()).ShouldBe(["site status", "site backup", "overlap ping"]);
        conflicts[0].GetProperty("owner").GetString().ShouldBe("site");
        conflicts[0].GetProperty("ownerSource").GetString().ShouldBe("bundled");
        conflicts[0].GetProperty("ownerFolder").GetString().ShouldBe(Path.Combine(ManagedHostDir, "plugins", "site"));
        conflicts[2].GetProperty("owner").GetString().ShouldBe("zulu");
        conflicts[2].GetProperty("ownerSource").GetString().ShouldBe("SKUPPER_PLUGIN_PATH");
        conflicts[2].GetProperty("ownerFolder").GetString().ShouldBe(zulu);
        plugins["zulu"].GetProperty("commands").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["site backup", "overlap ping", "zulu hello"]);
        plugins["site"].TryGetProperty("conflicts", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_broken_and_a_conflicting_plugin_warn_once_each_on_every_run()
    {
        var shadow = PluginWorkspace.InstallFixture("overlap", _home.UserPlugins, "shadow");
        var throwing = PluginWorkspace.InstallFixture("throwing", _home.UserPlugins);
        var warnings = Warning("shadow", shadow, SiteStatusIsBundled) + $"Warning: plugin \"throwing\" in {throwing} not loaded: " +
                       "failed while registering its commands: InvalidOperationException: fixture refuses to register\n";

        // The first run builds the command index, the later ones read it; each says the same, once.
        for (var run = 0; run < 2; run++)
        {
            (await Ok("shadow", "hello")).Err.ShouldBe(warnings);
            (await Ok("site", "create", "west", "-n", $"run{run}", "--platform", "linux")).Err.ShouldBe(warnings);
            (await Ok("site", "backup")).Err.ShouldBe(warnings);
            (await Ok("--help")).Err.ShouldBe(warnings);
            (await Ok("site", "--help")).Err.ShouldBe(warnings);
            (await Ok("version")).Err.ShouldBe(warnings);
        }
    }

    [Fact]
    public void The_shipped_plugins_whose_commands_come_first_are_the_bundled_ones() =>
        Directory.GetDirectories(Path.Combine(ManagedHostDir, "plugins")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(PluginRoots.Shipped.Order(StringComparer.Ordinal));

    [Fact]
    public async Task A_command_index_of_the_older_format_is_rebuilt()
    {
        var shadow = PluginWorkspace.InstallFixture("overlap", _home.UserPlugins, "shadow");
        await Ok("plugin", "list");
        var file = Directory.GetFiles(Path.Combine(_home.CacheHome, "skupper"), "command-index-*.tsv").ShouldHaveSingleItem();
        // What the older host wrote for the same plugins (its fingerprint is this host's too): the bundled site plugin
        // refused whole for the shadowed command, and no per-command lines.
        var older = File.ReadAllLines(file)
            .Where(l => !l.StartsWith("conflict\t", StringComparison.Ordinal))
            .Select(l => l == "skupper-command-index\t3" ? "skupper-command-index\t2" : l)
            .Select(l => l.StartsWith("plugin\tsite\t", StringComparison.Ordinal)
                ? string.Join('\t', l.Split('\t')[..6]) + $"\tcommand \"site status\" is already provided by plugin shadow in {shadow}\t"
                : l)
            .ToList();
        older.ShouldContain(l => l.StartsWith("plugin\tsite\t") && l.Contains("already provided"));
        File.WriteAllText(file, string.Join('\n', older) + "\n");

        var create = await Ok("site", "create", "west", "--platform", "linux");
        create.Err.ShouldNotContain("plugin \"site\"");
        var list = await Ok("plugin", "list");
        list.Err.ShouldBe(Warning("shadow", shadow, SiteStatusIsBundled));
        list.Out.ShouldMatch(@"(?m)^site\s+\S+\s+ok\s+site create, site update, site delete, site status, site generate\s");
        File.ReadAllText(file).ShouldStartWith("skupper-command-index\t3\n");
    }
}
