using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// <c>system install</c> and <c>uninstall</c>. The system-controller image cannot be had here (no registry), so install is
/// proved up to the engine: the pull of the missing image fails in one line naming it, and nothing is left.
/// </summary>
[Collection(PodmanCollection.Name)]
public sealed class InstallTests(PodmanEngine podman) : IDisposable
{
    private readonly TestHome _home = new();

    private string Namespace(string ns) => Path.Combine(_home.SkupperData, "namespaces", ns);

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.KubectlSkupper(_home, args);

    [Theory]
    [InlineData("install --platform podman --reload-type sometimes",
        "Error: invalid value \"sometimes\" for --reload-type: choose manual or auto\n")]
    [InlineData("install --platform linux",
        "Error: the selected platform is not supported by this command. There is nothing to install " +
        "(choose --platform podman or docker)\n")]
    [InlineData("uninstall --platform linux",
        "Error: the selected platform is not supported by this command. There is nothing to uninstall " +
        "(choose --platform podman or docker)\n")]
    public async Task Bad_flags_are_one_usage_error(string args, string error)
    {
        var r = await Skupper(["system", .. args.Split(' ')]);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith(error);
    }

    [Fact]
    public async Task Uninstall_refuses_while_a_namespace_has_a_runtime_and_keeps_it()
    {
        (await Skupper("site", "create", "west", "-n", "west", "--platform", "linux")).ExitCode.ShouldBe(0);
        (await Skupper("system", "start", "-n", "west", "--platform", "linux")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "uninstall", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith(
            "Error: Uninstallation halted: Active sites detected. Use --force flag to stop and remove active sites\nActive: west.");
        Directory.Exists(Path.Combine(Namespace("west"), "runtime")).ShouldBeTrue();
    }

    [PodmanFact]
    public async Task Uninstall_with_force_removes_every_namespace_active_or_not()
    {
        podman.Use(_home);
        (await Skupper("site", "create", "west", "-n", "west", "--platform", "podman")).ExitCode.ShouldBe(0);
        (await Skupper("system", "start", "-n", "west", "--platform", "podman")).ExitCode.ShouldBe(0);
        (await Skupper("site", "create", "east", "-n", "east", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "uninstall", "--force", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Namespace \"east\" has been removed\nRemoving active site namespace \"west\"\n" +
            "Namespace \"west\" has been removed\nPlatform podman infrastructure for Skupper is now uninstalled\n");
        Directory.GetDirectories(Path.Combine(_home.SkupperData, "namespaces")).ShouldBeEmpty();
        (await podman.InspectAsync("west-skupper-router")).ShouldBeNull();
    }

    [PodmanFact]
    public async Task Install_without_the_system_controller_image_fails_in_one_line_naming_it_and_leaves_no_container()
    {
        podman.Use(_home);
        _home.Variables["SKUPPER_SYSTEM_CONTROLLER_IMAGE"] = "localhost/no-such-controller:1";

        var r = await Skupper("system", "install", "--platform", "podman", "--reload-type", "auto");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: unable to pull image localhost/no-such-controller:1: ");
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("Error:", StringComparison.Ordinal)).ShouldBe(1);
        (await podman.PodmanAsync("ps", "--all", "--format", "{{.Names}}")).Out.ShouldNotContain("skupper-controller");
    }

    public void Dispose() => _home.Dispose();
}
