using System.Diagnostics;
using System.Text.Json;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// Plugins are native code run with the user's rights: a plugin whose root, folder or files are
/// not the user's (or root's), or are writable by group or others, is refused, with one warning,
/// and everything else keeps working.
/// </summary>
public class PluginTrustTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    /// <summary>yaml-new (trusted) and yaml-old (about to be made untrusted) in one SKUPPER_PLUGIN_PATH folder.</summary>
    private (string Root, string Victim) TwoPlugins()
    {
        var root = _home.PluginPathRoot();
        PluginWorkspace.InstallFixture("yaml-new", root);
        return (root, PluginWorkspace.InstallFixture("yaml-old", root));
    }

    /// <summary>Everything a user sees of one refused plugin: the warning, the listing, the missing commands, the working rest.</summary>
    private async Task ShouldBeRefused(string plugin, string folder, string reason)
    {
        var r = await KubectlSkupper(_home, "yaml-new", "show");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("YamlDotNet 18.0.0.0 plugin: yaml-new\n");
        r.Err.ShouldBe($"Warning: plugin \"{plugin}\" in {folder} refused: {reason}\n");

        var list = await KubectlSkupper(_home, "plugin", "list");
        list.ExitCode.ShouldBe(0, list.ToString());
        list.Out.Split('\n').Single(l => l.StartsWith(plugin + " ")).ShouldContain($"refused: {reason}");

        var json = await KubectlSkupper(_home, "plugin", "list", "-o", "json");
        var entry = JsonDocument.Parse(json.Out).RootElement.GetProperty("plugins").EnumerateArray()
            .Single(p => p.GetProperty("folder").GetString() == folder);
        entry.GetProperty("status").GetString().ShouldBe("refused");
        entry.GetProperty("reason").GetString().ShouldBe(reason);

        // Refused means never loaded: its commands do not exist.
        var run = await KubectlSkupper(_home, "yaml-old", "show");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Out.ShouldNotContain("YamlDotNet 16");
        run.Err.ShouldContain("unknown command \"yaml-old\"");
    }

    [Fact]
    public async Task A_world_writable_plugin_folder_is_refused()
    {
        var (_, victim) = TwoPlugins();
        File.SetUnixFileMode(victim, File.GetUnixFileMode(victim) | UnixFileMode.OtherWrite);
        await ShouldBeRefused("yaml-old", victim,
            $"folder {victim} is writable by others (mode {Ownership.Mode(victim)}); run \"chmod go-w {victim}\"");
    }

    [Fact]
    public async Task A_group_writable_dll_is_refused()
    {
        var (_, victim) = TwoPlugins();
        var dll = Path.Combine(victim, "YamlDotNet.dll"); // a private dependency: loaded as surely as the entry assembly
        File.SetUnixFileMode(dll, File.GetUnixFileMode(dll) | UnixFileMode.GroupWrite);
        await ShouldBeRefused("yaml-old", victim,
            $"file {dll} is writable by group (mode {Ownership.Mode(dll)}); run \"chmod go-w {dll}\"");
    }

    [Fact]
    public async Task A_world_writable_plugin_root_refuses_every_plugin_in_it()
    {
        var (root, victim) = TwoPlugins();
        var trusted = _home.PluginPathRoot("trusted");
        Directory.Move(Path.Combine(root, "yaml-new"), Path.Combine(trusted, "yaml-new"));
        File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.OtherWrite);
        await ShouldBeRefused("yaml-old", victim,
            $"folder {root} is writable by others (mode {Ownership.Mode(root)}); run \"chmod go-w {root}\"");
    }

    [RootFact]
    public async Task A_plugin_folder_owned_by_another_user_is_refused()
    {
        var (_, victim) = TwoPlugins();
        Ownership.GiveTo(Ownership.Nobody, victim);
        await ShouldBeRefused("yaml-old", victim,
            $"folder {victim} is owned by uid {Ownership.Nobody}, neither you (uid 0) nor root; " +
            $"if you trust it, run \"chown -R 0 {victim}\"");
    }

    [Fact]
    public async Task A_refused_plugin_loads_again_once_fixed()
    {
        var (_, victim) = TwoPlugins();
        var mode = File.GetUnixFileMode(victim);
        File.SetUnixFileMode(victim, mode | UnixFileMode.OtherWrite);
        (await KubectlSkupper(_home, "yaml-old", "show")).ExitCode.ShouldBe(2);
        File.SetUnixFileMode(victim, mode); // a chmod changes no file time: the cached index must still notice
        var r = await KubectlSkupper(_home, "yaml-old", "show");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("YamlDotNet 16.0.0.0 plugin: yaml-old\n");
        r.Err.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_relative_plugin_path_entry_is_refused()
    {
        // The tests run in the home's root, so "extra" would name <root>/extra today and elsewhere tomorrow.
        PluginWorkspace.InstallFixture("yaml-old", Path.Combine(_home.Root, "extra"));
        var absolute = _home.PluginPathRoot("absolute");
        PluginWorkspace.InstallFixture("yaml-new", absolute);
        _home.Variables["SKUPPER_PLUGIN_PATH"] = $"extra:{absolute}";

        var r = await KubectlSkupper(_home, "yaml-old", "show");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldNotContain("YamlDotNet 16");
        r.Err.ShouldStartWith("Warning: SKUPPER_PLUGIN_PATH entry \"extra\" ignored: it is a relative path, " +
                              "which would be looked up in whatever folder the command runs in; give an absolute path\n");

        var ok = await KubectlSkupper(_home, "yaml-new", "show");
        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.Out.ShouldBe("YamlDotNet 18.0.0.0 plugin: yaml-new\n");
        ok.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldStartWith("Warning: SKUPPER_PLUGIN_PATH entry \"extra\" ignored");
    }

    [Fact]
    public async Task Symlink_loops_in_plugin_folders_do_not_hang()
    {
        // Two plugin folders that each lead back to the root: followed, every level doubles the walk.
        var (root, victim) = TwoPlugins();
        var other = PluginWorkspace.InstallFixture("dummy", root, "loop");
        Directory.CreateSymbolicLink(Path.Combine(victim, "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(other, "up"), "..");
        var clock = Stopwatch.StartNew();
        var r = await Run(HostExe, ["yaml-new", "show"], _home, timeout: TimeSpan.FromSeconds(30));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), r.ToString());
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("YamlDotNet 18.0.0.0 plugin: yaml-new\n");
        string Refusal(string folder) =>
            $"Warning: plugin \"{Path.GetFileName(folder)}\" in {folder} refused: folder {folder}/up is a symbolic link, which is not followed " +
            "inside a plugin (it could loop, and what it leads to is not checked); put the folder itself there\n";
        r.Err.ShouldBe(Refusal(other) + Refusal(victim));
    }
}
