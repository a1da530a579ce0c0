using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>The cached command index: used while plugins are unchanged, rebuilt when they change.</summary>
public class CommandIndexTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private string CacheFile() => Directory.GetFiles(Path.Combine(_home.CacheHome, "skupper"), "command-index-*.tsv").Single();

    /// <summary>Marks the cached entry of a plugin so a test can tell whether the cache was read.</summary>
    private void TamperVersion(string plugin, string version)
    {
        var file = CacheFile();
        var lines = File.ReadAllLines(file).Select(line =>
        {
            var f = line.Split('\t');
            if (f[0] == "plugin" && f[1] == plugin) f[5] = version;
            return string.Join('\t', f);
        });
        File.WriteAllLines(file, lines);
    }

    private async Task<string> VersionOf(string plugin)
    {
        var r = await KubectlSkupper(_home, "version");
        r.ExitCode.ShouldBe(0, r.ToString());
        return r.Out.Split('\n').Single(l => l.StartsWith($"plugin {plugin} ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
    }

    [Fact]
    public async Task The_index_is_cached_and_reused_while_nothing_changes()
    {
        var root = _home.PluginPathRoot();
        PluginWorkspace.InstallFixture("yaml-new", root);
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        TamperVersion("yaml-new", "9.9.9");
        (await VersionOf("yaml-new")).ShouldBe("9.9.9"); // read from the cache, not rebuilt
    }

    [Fact]
    public async Task A_plugin_folder_named_outside_ASCII_is_read_back_from_the_cache()
    {
        // The index is read as UTF-8 bytes and cut at tabs and newlines; a name decoded wrongly would not match the folder
        // discovery found, and the index would be rebuilt on every run.
        var root = _home.PluginPathRoot();
        var dir = PluginWorkspace.InstallFixture("yaml-new", root);
        Directory.Move(dir, Path.Combine(root, "yaml-ñew-プラグイン"));
        (await VersionOf("yaml-ñew-プラグイン")).ShouldBe("1.2.0");
        TamperVersion("yaml-ñew-プラグイン", "9.9.9");
        (await VersionOf("yaml-ñew-プラグイン")).ShouldBe("9.9.9"); // read from the cache, not rebuilt
    }

    [Fact]
    public async Task A_newer_plugin_file_rebuilds_the_index()
    {
        var dir = PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        await VersionOf("yaml-new");
        TamperVersion("yaml-new", "9.9.9");
        File.SetLastWriteTimeUtc(Path.Combine(dir, "Fixture.YamlNew.dll"), DateTime.UtcNow.AddMinutes(1));
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
    }

    [Fact]
    public async Task Added_and_removed_plugins_rebuild_the_index()
    {
        var root = _home.PluginPathRoot();
        PluginWorkspace.InstallFixture("yaml-new", root);
        await VersionOf("yaml-new");

        var old = PluginWorkspace.InstallFixture("yaml-old", root);
        var r = await KubectlSkupper(_home, "yaml-old", "show");
        r.ExitCode.ShouldBe(0, r.ToString());

        Directory.Delete(old, recursive: true);
        r = await KubectlSkupper(_home, "yaml-old", "show");
        r.ExitCode.ShouldBe(2);
        r.Err.ShouldContain("unknown command \"yaml-old\"");

        File.Delete(Path.Combine(root, "yaml-new", "YamlDotNet.dll")); // a file removed inside a plugin
        r = await KubectlSkupper(_home, "yaml-new", "show");
        r.Err.ShouldContain("missing dependency YamlDotNet");
    }

    [Fact]
    public async Task An_unwritable_cache_folder_only_costs_speed()
    {
        var blocker = Path.Combine(_home.Root, "not-a-folder");
        File.WriteAllText(blocker, "");
        _home.Variables["XDG_CACHE_HOME"] = blocker; // skupper/ cannot be created under a file
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        var r = await KubectlSkupper(_home, "yaml-new", "show");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBeEmpty();
        r = await KubectlSkupper(_home, "yaml-new", "show");
        r.ExitCode.ShouldBe(0, r.ToString());
    }

    [Fact]
    public async Task A_corrupt_cache_is_rebuilt()
    {
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        await VersionOf("yaml-new");
        File.WriteAllText(CacheFile(), "{ not json");
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
    }
}
