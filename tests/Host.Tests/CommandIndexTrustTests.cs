using System.Diagnostics;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// The command index decides which DLL a command loads: it is private to the user, written so
/// that nothing planted beside it is written through, and not believed when someone else could
/// have written it or when it names what discovery did not find.
/// </summary>
public class CommandIndexTrustTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private string CacheFolder => Path.Combine(_home.CacheHome, "skupper");

    private string CacheFile() => Directory.GetFiles(CacheFolder, "command-index-*.tsv").Single();

    /// <summary>Rewrites the cached line of a plugin (its mode and owner stay), as whoever could write it would.</summary>
    private void Tamper(string plugin, int field, string value)
    {
        var file = CacheFile();
        var lines = File.ReadAllLines(file).Select(line =>
        {
            var f = line.Split('\t');
            if (f[0] == "plugin" && f[1] == plugin) f[field] = value;
            return string.Join('\t', f);
        }).ToList();
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
    }

    private const int VersionField = 5;
    private const int EntryField = 4;

    private async Task<string> VersionOf(string plugin)
    {
        var r = await KubectlSkupper(_home, "version");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBeEmpty();
        return r.Out.Split('\n').Single(l => l.StartsWith($"plugin {plugin} ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
    }

    /// <summary>A built cache whose yaml-new entry says 9.9.9: seen only when the cache is believed.</summary>
    private async Task TamperedCache()
    {
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        Tamper("yaml-new", VersionField, "9.9.9");
        (await VersionOf("yaml-new")).ShouldBe("9.9.9"); // the tampering is read while the cache is trusted
    }

    [Fact]
    public async Task The_cache_folder_is_0700_and_the_file_0600()
    {
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        await VersionOf("yaml-new");
        Ownership.Mode(CacheFolder).ShouldBe("0700");
        Ownership.Mode(CacheFile()).ShouldBe("0600");
        Directory.GetFileSystemEntries(CacheFolder).ShouldBe([CacheFile()]); // no temporary file left
    }

    [Fact]
    public async Task A_cache_folder_an_older_host_made_with_the_umask_becomes_0700()
    {
        Directory.CreateDirectory(CacheFolder);
        File.SetUnixFileMode(CacheFolder, (UnixFileMode)Convert.ToInt32("755", 8));
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        await VersionOf("yaml-new");
        Ownership.Mode(CacheFolder).ShouldBe("0700");
    }

    [Fact]
    public async Task A_world_writable_cache_file_is_ignored_and_rewritten_privately()
    {
        await TamperedCache();
        File.SetUnixFileMode(CacheFile(), (UnixFileMode)Convert.ToInt32("666", 8));
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        Ownership.Mode(CacheFile()).ShouldBe("0600");
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
    }

    [Fact]
    public async Task A_world_writable_cache_folder_is_ignored_and_made_private()
    {
        await TamperedCache();
        File.SetUnixFileMode(CacheFolder, (UnixFileMode)Convert.ToInt32("777", 8));
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        Ownership.Mode(CacheFolder).ShouldBe("0700");
        Ownership.Mode(CacheFile()).ShouldBe("0600");
    }

    [RootFact]
    public async Task A_cache_file_owned_by_another_user_is_ignored_and_replaced()
    {
        await TamperedCache();
        Ownership.GiveTo(Ownership.Nobody, CacheFile());
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        // Replaced by the user's own file (a rename, never a write into theirs).
        var r = await Run("stat", ["-c", "%u %a", CacheFile()], _home);
        r.Out.Trim().ShouldBe("0 600");
    }

    [RootFact]
    public async Task A_cache_folder_owned_by_another_user_is_ignored_and_left_alone()
    {
        await TamperedCache();
        Ownership.GiveTo(Ownership.Nobody, CacheFolder);
        var before = File.ReadAllText(CacheFile());
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        File.ReadAllText(CacheFile()).ShouldBe(before); // not theirs to rewrite, nor ours to write into
    }

    [Fact]
    public async Task A_cache_entry_naming_a_dll_outside_the_plugin_folders_is_not_loaded()
    {
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        // The attacker's DLL: the dummy fixture names its group after its folder, so from a
        // folder named yaml-new it adds "yaml-new hello", which prints "hello".
        var attacker = PluginWorkspace.InstallFixture("dummy", Path.Combine(_home.Root, "attacker"), "yaml-new");
        var dll = Path.Combine(attacker, "Fixture.Dummy.dll");
        Tamper("yaml-new", EntryField, dll); // the fingerprint still matches: no plugin file changed

        var r = await KubectlSkupper(_home, "yaml-new", "hello");
        r.Out.ShouldNotContain("hello");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldContain("unknown command \"hello\"");
        File.ReadAllText(CacheFile()).ShouldNotContain(attacker); // rebuilt without it

        var ok = await KubectlSkupper(_home, "yaml-new", "show");
        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.Out.ShouldBe("YamlDotNet 18.0.0.0 plugin: yaml-new\n");
    }

    [Fact]
    public async Task A_symlink_planted_where_the_cache_is_written_is_not_written_through()
    {
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        await VersionOf("yaml-new");
        var file = CacheFile();
        File.Delete(file);

        // The old temporary name was "<file>.<pid>.tmp": plant a symlink to the victim's file for
        // every pid the next process may get (pids are handed out in order).
        var victim = Path.Combine(_home.Home, "precious");
        File.WriteAllText(victim, "the user's own data\n");
        using (var probe = Process.Start("true")!) { probe.WaitForExit(); PlantFrom(probe.Id); }

        void PlantFrom(int pid)
        {
            var max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim());
            for (var i = 1; i <= 3000; i++)
                File.CreateSymbolicLink($"{file}.{(pid + i) % max}.tmp", victim);
        }

        (await VersionOf("yaml-new")).ShouldBe("1.2.0");
        File.ReadAllText(victim).ShouldBe("the user's own data\n");
        new FileInfo(file).LinkTarget.ShouldBeNull(); // the cache is a file of its own
        File.ReadAllText(file).ShouldStartWith("skupper-command-index");
    }
}
