using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>The host as users meet it: usage text, built-in commands, exit codes, kubectl dispatch.</summary>
public class DispatchTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Help_names_the_kubectl_invocation_and_lists_bundled_groups()
    {
        var r = await KubectlSkupper(_home, "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("Usage: kubectl skupper [options] [command]");
        r.Out.ShouldContain("token ");
        r.Out.ShouldContain("site ");
        // The global options are behind the options command, as kubectl's are.
        r.Out.ShouldNotContain("--platform");
        r.Out.ShouldContain("Use \"kubectl skupper options\" for a list of global command-line options");
        r.Err.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_as_skupper_the_usage_says_skupper()
    {
        var link = Path.Combine(_home.Root, "skupper");
        File.CreateSymbolicLink(link, HostExe);
        var r = await Run(link, ["token", "--help"], _home);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("Usage: skupper token");
        r.Out.ShouldNotContain("kubectl skupper");

        var bad = await Run(link, ["nope"], _home);
        bad.Err.ShouldContain("unknown command \"nope\" for \"skupper\"");
        bad.Err.ShouldContain("Run 'skupper --help' for usage.");
    }

    [Fact]
    public async Task Kubectl_dispatches_to_the_plugin()
    {
        var help = await Kubectl(_home, "skupper", "--help");
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Out.ShouldContain("Usage: kubectl skupper");

        var version = await Kubectl(_home, "skupper", "version");
        version.ExitCode.ShouldBe(0, version.ToString());
        version.Out.ShouldContain("kubectl-skupper  2.1.0");
        version.Out.ShouldContain("plugin token");
    }

    [Fact]
    public async Task Version_lists_the_host_and_each_plugin()
    {
        var r = await KubectlSkupper(_home, "version");
        r.ExitCode.ShouldBe(0);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("COMPONENT        VERSION");
        lines.ShouldContain("kubectl-skupper  2.1.0");
        lines.ShouldContain("plugin site      2.1.0");
        lines.ShouldContain("plugin token     2.1.0");
    }

    [Theory]
    [InlineData(new[] { "bogus" }, "unknown command \"bogus\" for \"kubectl skupper\"")]
    [InlineData(new[] { "version", "--nope" }, "unknown flag: --nope")]
    [InlineData(new[] { "plugin", "list", "-o", "xml" }, "invalid value \"xml\" for --output: choose json")]
    [InlineData(new[] { "--namespace" }, "flag needs an argument: --namespace")]
    public async Task Usage_errors_exit_2_with_one_error_line(string[] args, string message)
    {
        var r = await KubectlSkupper(_home, args);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith($"Error: {message}");
        r.Err.ShouldNotContain("   at ");
        r.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_platform_is_a_usage_error_listing_the_choices()
    {
        PluginWorkspace.InstallFixture("yaml-new", _home.PluginPathRoot());
        var r = await KubectlSkupper(_home, "--platform", "vms", "yaml-new", "show");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: unknown platform \"vms\" (from --platform): choose one of kubernetes, docker, podman, linux\n");

        _home.Variables["SKUPPER_PLATFORM"] = "windows";
        r = await KubectlSkupper(_home, "yaml-new", "show");
        r.ExitCode.ShouldBe(2);
        r.Err.ShouldContain("unknown platform \"windows\" (from SKUPPER_PLATFORM)");
    }

    [Theory]
    [InlineData("version")]
    [InlineData("plugin", "list")]
    [InlineData("hook", "list")]
    public async Task The_hosts_own_commands_run_whatever_the_platform_connection_flags_and_hooks(params string[] command)
    {
        // A hook file that every plugin command refuses to run with: these commands are where the user looks for why.
        var hooks = Path.Combine(_home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, (UnixFileMode)0b111_101_101);
        var hook = Path.Combine(hooks, "open.js");
        await File.WriteAllTextAsync(hook, "export function beforeTokenIssue(ctx) {}");
        File.SetUnixFileMode(hook, (UnixFileMode)0b110_110_110);
        _home.Variables["SKUPPER_HOOKS_PATH"] = hooks;
        _home.Variables["SKUPPER_PLATFORM"] = "windows";

        string[][] globalOptions = [[], ["--platform", "vms"], ["--platform", "podman", "--context", "east", "-n", "west"]];
        foreach (var globals in globalOptions)
        {
            var r = await KubectlSkupper(_home, [.. globals, .. command]);
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Err.ShouldBeEmpty();
            r.Out.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task Bare_group_shows_its_help_and_succeeds()
    {
        var r = await KubectlSkupper(_home, "plugin");
        r.ExitCode.ShouldBe(0);
        r.Out.ShouldContain("Usage: kubectl skupper plugin");
        r.Out.ShouldContain("list");
    }
}
