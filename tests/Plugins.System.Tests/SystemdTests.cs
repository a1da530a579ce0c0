using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// The systemd unit and scripts <c>system start</c> writes (internal/nonkube/common/systemd.go, startup.go and their templates).
/// systemd does not run on this machine (no /run/systemd/system), so the unit goes to the namespace's
/// <c>internal/scripts</c>, as Go writes it when it runs in a container, and is not enabled; these tests check the files.
/// </summary>
public sealed class SystemdTests : IDisposable
{
    private readonly TestHome _home = new();

    private string Scripts(string ns) => Path.Combine(_home.SkupperData, "namespaces", ns, "internal", "scripts");

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.KubectlSkupper(_home, args);

    [WithoutSystemdFact]
    public async Task On_linux_start_writes_the_unit_running_skrouterd_on_the_rendered_config_and_stop_removes_it()
    {
        (await Skupper("site", "create", "west", "-n", "west", "--platform", "linux")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "start", "-n", "west", "--platform", "linux");

        r.ExitCode.ShouldBe(0, r.ToString());
        var unit = Path.Combine(Scripts("west"), "skupper-west.service");
        r.Out.ShouldStartWith($"systemd is not running here: the unit skupper-west.service was written to {unit} but not installed, " +
            "so the site will not start at boot\n");
        var ns = Path.Combine(_home.SkupperData, "namespaces", "west");
        var config = await File.ReadAllTextAsync(Path.Combine(ns, "runtime", "router", "skrouterd.json"));
        var siteId = JsonNode.Parse(JsonNode.Parse(config)![0]![1]!["metadata"]!.GetValue<string>())!["id"]!.GetValue<string>();
        (await File.ReadAllTextAsync(unit)).ShouldBe($"""
            [Unit]
            Description=skupper-west.service
            Wants=network-online.target
            After=network-online.target

            [Service]
            TimeoutStopSec=70
            Type=simple
            ExecStart=skrouterd -c {ns}/runtime/router/skrouterd.json
            Environment="SKUPPER_SITE_ID={siteId}"
            Environment="SSL_PROFILE_BASE_PATH={ns}"

            [Install]
            WantedBy=default.target

            """);
        // Go writes the start and stop scripts for container engines only (startup.go, GetStartupScripts).
        File.Exists(Path.Combine(Scripts("west"), "start.sh")).ShouldBeFalse();

        var stop = await Skupper("system", "stop", "-n", "west", "--platform", "linux");
        stop.ExitCode.ShouldBe(0, stop.ToString());
        stop.Out.ShouldBe("Namespace \"west\" has been removed\n");
        File.Exists(unit).ShouldBeFalse();
    }

    public void Dispose() => _home.Dispose();
}

/// <summary>Runs where systemd does not (no /run/systemd/system), as here: there the unit is written to internal/scripts.</summary>
public sealed class WithoutSystemdFactAttribute : FactAttribute
{
    public WithoutSystemdFactAttribute()
    {
        if (Directory.Exists("/run/systemd/system"))
            Skip = "systemd runs here: the unit would be installed in systemd's folder and enabled, not written to internal/scripts";
    }
}
