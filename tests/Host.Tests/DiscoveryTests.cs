using System.Text.Json;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>Where plugins come from, which one wins, and what happens to the broken ones.</summary>
public class DiscoveryTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private async Task<List<JsonElement>> PluginList()
    {
        var r = await KubectlSkupper(_home, "plugin", "list", "-o", "json");
        r.ExitCode.ShouldBe(0, r.ToString());
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("plugins").EnumerateArray().ToList();
    }

    private static JsonElement Find(List<JsonElement> plugins, string folder) =>
        plugins.Single(p => p.GetProperty("folder").GetString() == folder);

    [Fact]
    public async Task Plugins_are_found_in_all_three_roots()
    {
        var extra = PluginWorkspace.InstallFixture("yaml-old", _home.PluginPathRoot());
        var user = PluginWorkspace.InstallFixture("yaml-new", _home.UserPlugins);
        var plugins = await PluginList();
        plugins.Select(p => p.GetProperty("folder").GetString()).ShouldBe(
            [extra, user, .. new[] { "debug", "expose", "link", "site", "system", "token" }.Select(p => Path.Combine(ManagedHostDir, "plugins", p))]);
        plugins.Select(p => p.GetProperty("source").GetString())
            .ShouldBe(["SKUPPER_PLUGIN_PATH", "user", "bundled", "bundled", "bundled", "bundled", "bundled", "bundled"]);

        var r = await KubectlSkupper(_home, "plugin", "list");
        r.Out.ShouldContain("yaml-old");
        r.Out.ShouldContain("ok");
        r.Out.ShouldContain("yaml-old show");
        r.Out.ShouldContain($"{extra} (SKUPPER_PLUGIN_PATH)");
    }

    [Fact]
    public async Task A_command_goes_to_the_bundled_plugins_first_then_plugin_path_then_user_folder()
    {
        // A private copy of the installation, so that a plugin can be bundled beside it.
        var install = Path.Combine(_home.Root, "install");
        PluginWorkspace.CopyDirectory(HostDir, install);
        var exe = Path.Combine(install, "kubectl-skupper");
        File.SetUnixFileMode(exe, File.GetUnixFileMode(HostExe));
        // Beside the managed host, which loads plugins (lib/ of the native layout). The overlap fixture registers
        // site status (the shipped site plugin's), site backup, overlap ping and FOLDER hello.
        var plugins = Path.Combine(install, IsNative ? "lib/plugins" : "plugins");
        var bundled = PluginWorkspace.InstallFixture("overlap", plugins, "bundled-copy");
        var user = PluginWorkspace.InstallFixture("overlap", _home.UserPlugins, "user-copy");
        var extra = PluginWorkspace.InstallFixture("overlap", _home.PluginPathRoot(), "path-copy");

        var r = await Run(exe, ["overlap", "ping"], _home);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("ping from bundled-copy\n");
        const string siteStatus = "command \"site status\" not added: the bundled plugin site provides it";
        var lost = $"{siteStatus}; commands \"site backup\" and \"overlap ping\" not added: the bundled plugin bundled-copy provides them";
        const string details = "; run \"kubectl skupper plugin list\" for details\n";
        // Listed in precedence order; a folder put beside the shipped plugins does not get their commands either.
        r.Err.ShouldBe($"Warning: plugin \"path-copy\" in {extra}: {lost}{details}" +
                       $"Warning: plugin \"user-copy\" in {user}: {lost}{details}" +
                       $"Warning: plugin \"bundled-copy\" in {bundled}: {siteStatus}{details}");
        (await Run(exe, ["site", "backup"], _home)).Out.ShouldBe("site backup from bundled-copy\n");
        (await Run(exe, ["path-copy", "hello"], _home)).Out.ShouldBe("hello from path-copy\n");
        (await Run(exe, ["user-copy", "hello"], _home)).Out.ShouldBe("hello from user-copy\n");

        var list = await Run(exe, ["plugin", "list", "-o", "json"], _home);
        var found = JsonDocument.Parse(list.Out).RootElement.GetProperty("plugins").EnumerateArray().ToList();
        Find(found, bundled).GetProperty("commands").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["site backup", "overlap ping", "bundled-copy hello"]);
        Find(found, user).GetProperty("commands").EnumerateArray().Select(c => c.GetString()).ShouldBe(["user-copy hello"]);
        Find(found, Path.Combine(plugins, "site")).GetProperty("commands").EnumerateArray().Select(c => c.GetString())
            .ShouldContain("site status");
    }

    [Fact]
    public async Task Two_versions_of_one_library_work_side_by_side()
    {
        var root = _home.PluginPathRoot();
        PluginWorkspace.InstallFixture("yaml-old", root);
        PluginWorkspace.InstallFixture("yaml-new", root);

        var old = await KubectlSkupper(_home, "yaml-old", "show");
        old.ExitCode.ShouldBe(0, old.ToString());
        old.Out.ShouldBe("YamlDotNet 16.0.0.0 plugin: yaml-old\n");

        var @new = await KubectlSkupper(_home, "yaml-new", "show");
        @new.ExitCode.ShouldBe(0, @new.ToString());
        @new.Out.ShouldBe("YamlDotNet 18.0.0.0 plugin: yaml-new\n");
    }

    [Fact]
    public async Task A_command_loads_only_its_own_plugin()
    {
        var root = _home.PluginPathRoot();
        PluginWorkspace.InstallFixture("yaml-old", root);
        PluginWorkspace.InstallFixture("yaml-new", root);
        await KubectlSkupper(_home, "version"); // builds the index, loading everything once
        _home.Variables["SKUPPER_DEBUG"] = "1";
        var r = await KubectlSkupper(_home, "yaml-new", "show");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.Split('\n').Where(l => l.StartsWith("debug: loading plugin")).ShouldBe([$"debug: loading plugin yaml-new from {Path.Combine(root, "yaml-new")}"]);

        var help = await KubectlSkupper(_home, "--help");
        help.Err.ShouldNotContain("debug: loading plugin");
        help.Out.ShouldContain("yaml-old");
    }

    public static TheoryData<string, Action<string>, string> BrokenPlugins => new()
    {
        { "garbage", dir => { File.WriteAllText(Path.Combine(dir, "Garbage.dll"), "not a PE file"); File.WriteAllText(Path.Combine(dir, "Garbage.deps.json"), "{}"); }, "not a .NET assembly" },
        { "empty", _ => { }, "no *.deps.json: expected the publish output of a class library" },
        { "nodll", dir => File.WriteAllText(Path.Combine(dir, "Foo.deps.json"), "{}"), "Foo.dll is missing" },
        { "missing-dep", dir => { PluginWorkspace.CopyDirectory(PluginWorkspace.Fixture("yaml-old"), dir); File.Delete(Path.Combine(dir, "YamlDotNet.dll")); }, "missing dependency YamlDotNet 16.0.0.0" },
        { "throwing", dir => PluginWorkspace.CopyDirectory(PluginWorkspace.Fixture("throwing"), dir), "failed while registering its commands: InvalidOperationException: fixture refuses to register" },
        { "sdk3", dir => PluginWorkspace.CopyDirectory(PluginWorkspace.Fixture("sdk3"), dir), "built for SDK 3.0, but this host (2.1.0) loads plugins built for SDK 2.x" },
    };

    [Theory]
    [MemberData(nameof(BrokenPlugins))]
    public async Task A_broken_plugin_warns_once_and_breaks_nothing_else(string name, Action<string> make, string reason)
    {
        var root = _home.PluginPathRoot();
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        make(dir);
        PluginWorkspace.InstallFixture("yaml-new", root);

        var r = await KubectlSkupper(_home, "yaml-new", "show");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("YamlDotNet 18");
        r.Err.ShouldBe($"Warning: plugin \"{name}\" in {dir} not loaded: {reason}\n");

        var version = await KubectlSkupper(_home, "version");
        version.ExitCode.ShouldBe(0);
        version.Out.ShouldContain($"plugin {name}");
        version.Out.ShouldContain("broken");

        var list = await KubectlSkupper(_home, "plugin", "list");
        list.Out.ShouldContain($"broken: {reason}");

        // The top-level help still lists every working command and warns once about the broken one.
        var help = await KubectlSkupper(_home, "--help");
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Out.ShouldMatch(@"(?m)^  yaml-new\s");
        help.Out.ShouldMatch(@"(?m)^  token\s");
        help.Out.ShouldMatch(@"(?m)^  version\s");
        help.Err.ShouldBe($"Warning: plugin \"{name}\" in {dir} not loaded: {reason}\n");
    }

    [Fact]
    public async Task A_plugin_may_not_take_a_built_in_name()
    {
        // The dummy fixture names its group after its folder: installed as "version" it claims a built-in.
        var dir = PluginWorkspace.InstallFixture("dummy", _home.PluginPathRoot(), "version");
        var r = await KubectlSkupper(_home, "version");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("COMPONENT");
        string[] commands = ["hello", "sites", "wait", "show", "configmap-create", "configmap-get", "configmap-list", "configmap-set",
            "configmap-delete", "configmap-wait"];
        var named = commands.Select(c => $"\"version {c}\"").ToList();
        r.Err.ShouldBe($"Warning: plugin \"version\" in {dir}: commands {string.Join(", ", named[..^1])} and {named[^1]} " +
                       "not added: the host keeps \"version\" for itself; run \"kubectl skupper plugin list\" for details\n");
    }
}
