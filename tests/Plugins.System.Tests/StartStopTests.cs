using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// <c>system start</c> and <c>system stop</c> on a real Podman (<see cref="PodmanEngine"/>), run as a user runs the CLI:
/// the router container as the Go CLI makes it, the configuration it is given, the port it serves, and what stop leaves.
/// </summary>
[Collection(PodmanCollection.Name)]
public sealed class StartStopTests(PodmanEngine podman) : IDisposable
{
    private readonly TestHome _home = new();

    private string Namespace(string ns) => Path.Combine(_home.SkupperData, "namespaces", ns);

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.KubectlSkupper(_home, args);

    [PodmanFact]
    public async Task Start_runs_the_router_container_with_the_rendered_config_and_stop_removes_it_and_the_namespace()
    {
        podman.Use(_home);
        (await Skupper("site", "create", "west", "--enable-link-access", "-n", "west", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "start", "-n", "west", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe(
            $"systemd is not running here: the unit skupper-west.service was written to {Namespace("west")}/internal/scripts/" +
            "skupper-west.service but not installed, so the site will not start at boot\n" +
            "Site \"west\" has been created on namespace \"west\"\n" +
            "Platform: podman\n" +
            $"Static links have been defined at: {Namespace("west")}/runtime/links\n" +
            $"Definition is available at: {Namespace("west")}/input/resources\n");
        var config = Path.Combine(Namespace("west"), "runtime", "router", "skrouterd.json");
        var rendered = await File.ReadAllTextAsync(config);
        var siteId = JsonNode.Parse(JsonNode.Parse(rendered)![0]![1]!["metadata"]!.GetValue<string>())!["id"]!.GetValue<string>();
        var port = PodmanEngine.LocalPort(rendered);

        var container = (await podman.InspectAsync("west-skupper-router")).ShouldNotBeNull();
        container["ImageName"]!.GetValue<string>().ShouldBe(PodmanEngine.Image);
        var env = container["Config"]!["Env"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        env.ShouldContain("QDROUTERD_CONF=/etc/skupper-router/config/skrouterd.json");
        env.ShouldContain("QDROUTERD_CONF_TYPE=json");
        env.ShouldContain($"SKUPPER_SITE_ID={siteId}");
        env.ShouldContain("SSL_PROFILE_BASE_PATH=/etc/skupper-router");
        container["Config"]!["Labels"]!["application"]!.GetValue<string>().ShouldBe("skupper-v2");
        container["Config"]!["Labels"]!["skupper.io/site-id"]!.GetValue<string>().ShouldBe(siteId);
        container["Config"]!["User"]!.GetValue<string>().ShouldBe("0:0");
        var host = container["HostConfig"]!;
        host["NetworkMode"]!.GetValue<string>().ShouldBe("host");
        host["RestartPolicy"]!["Name"]!.GetValue<string>().ShouldBe("always");
        // Podman reports a bind with the options it resolved: the ":z" the CLI asks for is gone where SELinux is off, as here.
        host["Binds"]!.AsArray().Select(b => string.Join(':', b!.GetValue<string>().Split(':')[..2])).ShouldBe([
            $"{Namespace("west")}/runtime/router:/etc/skupper-router/config",
            $"{Namespace("west")}/runtime/certs:/etc/skupper-router/runtime/certs",
        ], ignoreOrder: true);

        // The router was given the file we rendered, and serves the skupper-local port.
        var logs = await podman.LogsAsync("west-skupper-router");
        logs.ShouldStartWith(rendered);
        logs.ShouldContain($"stand-in router listening on 127.0.0.1:{port}");
        await PodmanEngine.AnswersAsync(port);

        // The unit runs start.sh, which starts the site's containers by label (startsh-container.template); systemd does not
        // run here, so the unit is in internal/scripts and not enabled.
        var scripts = Path.Combine(Namespace("west"), "internal", "scripts");
        File.GetUnixFileMode(Path.Combine(scripts, "start.sh")).ShouldBe((UnixFileMode)0b111_101_101);
        (await File.ReadAllTextAsync(Path.Combine(scripts, "start.sh"))).ShouldContain(
            "for container in $(podman container ls --filter label=application=skupper-v2 " +
            $"--filter label=skupper.io/site-id={siteId} --format {{{{.Names}}}} --all); do\n    podman start ${{container}}\ndone\n");
        (await File.ReadAllTextAsync(Path.Combine(scripts, "stop.sh"))).ShouldContain("    podman stop -t 10 ${container}\n");
        var unit = await File.ReadAllTextAsync(Path.Combine(scripts, "skupper-west.service"));
        unit.ShouldContain($"ExecStart=/bin/bash {scripts}/start.sh\n");
        unit.ShouldContain($"ExecStop=/bin/bash {scripts}/stop.sh\n");

        var again = await Skupper("system", "start", "-n", "west", "--platform", "podman");
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Err.ShouldStartWith("Error: namespace already exists: west\n");

        var stop = await Skupper("system", "stop", "-n", "west", "--platform", "podman");
        stop.ExitCode.ShouldBe(0, stop.ToString());
        stop.Out.ShouldBe("Namespace \"west\" has been removed\n");
        (await podman.InspectAsync("west-skupper-router")).ShouldBeNull();
        Directory.Exists(Namespace("west")).ShouldBeFalse();
    }

    /// <summary>
    /// An image that is not there is pulled; this engine has no registry, and Podman answers the pull with HTTP 200 and the
    /// error inside the progress stream. The start fails in one line and takes back everything it wrote.
    /// </summary>
    [PodmanFact]
    public async Task A_pull_that_fails_inside_a_200_answer_fails_the_start_and_leaves_nothing()
    {
        podman.Use(_home);
        _home.Variables["SKUPPER_ROUTER_IMAGE"] = "localhost/no-such-router:1";
        (await Skupper("site", "create", "west", "-n", "pull", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "start", "-n", "pull", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: unable to pull image localhost/no-such-router:1: ");
        r.Err.ShouldContain("the runtime files of namespace \"pull\" was deleted");
        Directory.GetFileSystemEntries(Namespace("pull")).Select(Path.GetFileName).ShouldBe(["input"]);
        (await podman.InspectAsync("pull-skupper-router")).ShouldBeNull();
    }

    [Fact]
    public async Task Without_an_engine_start_fails_in_one_line_and_leaves_no_runtime()
    {
        _home.Variables["CONTAINER_ENDPOINT"] = $"unix://{_home.Root}/no-such.sock";
        (await Skupper("site", "create", "west", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "start", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: the container engine does not answer at unix://{_home.Root}/no-such.sock: ");
        r.Err.ShouldContain("the runtime files of namespace \"default\" was deleted");
        Directory.GetFileSystemEntries(Namespace("default")).Select(Path.GetFileName).ShouldBe(["input"]);
    }

    [Fact]
    public async Task Start_without_input_resources_says_what_is_missing()
    {
        var r = await Skupper("system", "start", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith(
            $"Error: no Site in the input resources of namespace \"default\" ({Namespace("default")}/input/resources)\n");
        Directory.Exists(Namespace("default")).ShouldBeFalse();
    }

    [Fact]
    public async Task Stop_on_another_platform_than_the_one_started_refuses_and_keeps_everything()
    {
        (await Skupper("site", "create", "west", "--platform", "linux")).ExitCode.ShouldBe(0);
        var start = await Skupper("system", "start", "--platform", "linux");
        start.ExitCode.ShouldBe(0, start.ToString());
        start.Out.ShouldStartWith(
            $"systemd is not running here: the unit skupper-default.service was written to {Namespace("default")}/internal/scripts/" +
            "skupper-default.service but not installed, so the site will not start at boot\n");

        var r = await Skupper("system", "stop", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: existing namespace uses \"linux\" platform and it cannot change to \"podman\"\n");
        File.Exists(Path.Combine(Namespace("default"), "runtime", "router", "skrouterd.json")).ShouldBeTrue();
    }

    public void Dispose() => _home.Dispose();
}
