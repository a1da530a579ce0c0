using System.Diagnostics;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// Issue 29: the native kubectl-skupper answers the bundled commands itself and becomes the managed host in lib/
/// (execve) for a third-party plugin's command, learning which commands those are from the command index the
/// managed host writes. test.sh runs these against that layout; with the managed host alone they hold trivially.
/// </summary>
public sealed class ManagedHandoffTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private static string Maps(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/maps"); }
        catch (IOException) { return ""; }
    }

    [Fact]
    public async Task Third_party_command_runs_in_the_managed_host_as_the_same_process_and_ctrl_c_reaches_the_plugin()
    {
        PluginWorkspace.InstallFixture("dummy", _home.UserPlugins);
        var marker = Path.Combine(_home.Root, "dummy-waiting");
        string? maps = null;

        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["dummy", "wait"], _home, whileRunning: p =>
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(marker) && !p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
            File.Exists(marker).ShouldBeTrue("the plugin's command never started waiting");
            // The process the test started runs the plugin: no child was left to do it.
            File.ReadAllText(marker).ShouldBe(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            maps = Maps(p.Id);
            using var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        });

        maps.ShouldNotBeNull().ShouldContain("libcoreclr.so");
        if (ProcessRunner.IsNative) maps.ShouldContain(Path.Combine(ProcessRunner.ManagedHostDir, "plugins"), Case.Sensitive, "lib/'s host runs it");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("dummy: cancellation seen\nError: interrupted\n");
    }

    [Fact]
    public async Task Bundled_commands_work_and_a_damaged_command_index_is_rebuilt_by_the_managed_host()
    {
        PluginWorkspace.InstallFixture("dummy", _home.UserPlugins);
        (await ProcessRunner.KubectlSkupper(_home, "dummy", "hello")).Out.ShouldBe("hello\n");
        var index = Directory.GetFiles(Path.Combine(_home.CacheHome, "skupper"), "command-index-*.tsv").ShouldHaveSingleItem();

        var forged = "skupper-command-index\t3\nfingerprint\tforged\nplugin\tdummy\t/elsewhere\tuser\t/elsewhere/x.dll\t1.0.0\t\t\n";
        foreach (var damage in new[] { "not an index\n", forged })
        {
            File.WriteAllText(index, damage);
            // A bundled command needs no index: answered at once, with no word about it.
            var help = await ProcessRunner.KubectlSkupper(_home, "site", "create", "--help");
            help.ExitCode.ShouldBe(0, help.ToString());
            help.Err.ShouldBeEmpty();
            // The third-party command still runs (the managed host answers and writes a good index) ...
            var hello = await ProcessRunner.KubectlSkupper(_home, "dummy", "hello");
            hello.ExitCode.ShouldBe(0, hello.ToString());
            hello.Out.ShouldBe("hello\n");
            File.ReadAllText(index).ShouldNotBe(damage);
            // ... and the listing from it names the plugin's commands.
            var list = await ProcessRunner.KubectlSkupper(_home, "plugin", "list");
            list.Out.ShouldContain("dummy hello, dummy sites, dummy wait");
        }
    }
}
