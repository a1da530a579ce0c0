using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// <c>system reload</c> on a real Podman (<see cref="PodmanEngine"/>): a reload keeps the site id and runs the router again
/// on the new config; a reload that fails leaves the previous files and router container as they were
/// (internal/nonkube/compat/site_state_renderer.go, Render with reload).
/// </summary>
[Collection(PodmanCollection.Name)]
public sealed class ReloadTests(PodmanEngine podman) : IDisposable
{
    private readonly TestHome _home = new();

    private string Namespace(string ns) => Path.Combine(_home.SkupperData, "namespaces", ns);

    private string RouterConfig(string ns) => Path.Combine(Namespace(ns), "runtime", "router", "skrouterd.json");

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.KubectlSkupper(_home, args);

    private static string SiteId(string config) =>
        JsonNode.Parse(JsonNode.Parse(config)![0]![1]!["metadata"]!.GetValue<string>())!["id"]!.GetValue<string>();

    private async Task<string> StartAsync(string ns)
    {
        podman.Use(_home);
        (await Skupper("site", "create", "west", "-n", ns, "--platform", "podman")).ExitCode.ShouldBe(0);
        var start = await Skupper("system", "start", "-n", ns, "--platform", "podman");
        start.ExitCode.ShouldBe(0, start.ToString());
        return (await podman.InspectAsync($"{ns}-skupper-router")).ShouldNotBeNull()["Id"]!.GetValue<string>();
    }

    [PodmanFact]
    public async Task A_reload_keeps_the_site_id_and_runs_the_router_again_on_the_new_config()
    {
        var before = await StartAsync("reload");
        var siteId = SiteId(await File.ReadAllTextAsync(RouterConfig("reload")));
        (await Skupper("listener", "create", "db", "5432", "-n", "reload", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "reload", "-n", "reload", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("Sources will be consumed from namespace \"reload\"\n");
        r.Out.ShouldContain("Site \"west\" has been created on namespace \"reload\"\nPlatform: podman\n");
        var config = await File.ReadAllTextAsync(RouterConfig("reload"));
        SiteId(config).ShouldBe(siteId);
        config.ShouldContain("\"tcpListener\"");
        var after = (await podman.InspectAsync("reload-skupper-router")).ShouldNotBeNull();
        after["Id"]!.GetValue<string>().ShouldNotBe(before);
        after["State"]!["Running"]!.GetValue<bool>().ShouldBeTrue();
        after["Config"]!["Labels"]!["skupper.io/site-id"]!.GetValue<string>().ShouldBe(siteId);
        (await podman.InspectAsync("reload-skupper-router-backup")).ShouldBeNull();
        var logs = await podman.LogsAsync("reload-skupper-router");
        logs.ShouldStartWith(config);
        await PodmanEngine.AnswersAsync(PodmanEngine.LocalPort(config));
    }

    /// <summary>The new router's image cannot be pulled: the old container was already renamed and the files cleared.</summary>
    [PodmanFact]
    public async Task A_reload_that_fails_after_setting_the_router_aside_puts_back_the_files_and_the_container()
    {
        var before = await StartAsync("back");
        var files = Snapshot("back");
        _home.Variables["SKUPPER_ROUTER_IMAGE"] = "localhost/no-such-router:1";

        var r = await Skupper("system", "reload", "-n", "back", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: unable to pull image localhost/no-such-router:1: ");
        r.Err.ShouldContain("(the previous runtime is back) was deleted");
        Snapshot("back").ShouldBe(files);
        var container = (await podman.InspectAsync("back-skupper-router")).ShouldNotBeNull();
        container["Id"]!.GetValue<string>().ShouldBe(before);
        container["State"]!["Running"]!.GetValue<bool>().ShouldBeTrue();
        (await podman.InspectAsync("back-skupper-router-backup")).ShouldBeNull();
        await PodmanEngine.AnswersAsync(PodmanEngine.LocalPort(await File.ReadAllTextAsync(RouterConfig("back"))));
    }

    [PodmanFact]
    public async Task A_reload_of_a_bad_input_resource_is_one_error_line_and_touches_nothing()
    {
        var before = await StartAsync("bad");
        await File.WriteAllTextAsync(Path.Combine(Namespace("bad"), "input", "resources", "Listener-db.yaml"),
            "apiVersion: skupper.io/v2alpha1\nkind: Listener\nmetadata:\n  name: db\nspec:\n  host: db\n  port: 5432\n");
        var files = Snapshot("bad");

        var r = await Skupper("system", "reload", "-n", "bad", "--platform", "podman");

        r.ExitCode.ShouldNotBe(0, r.ToString());
        r.Err.ShouldStartWith("Error: ");
        r.Err.ShouldContain("routing");
        r.Out.ShouldBeEmpty();
        Snapshot("bad").ShouldBe(files);
        var container = (await podman.InspectAsync("bad-skupper-router")).ShouldNotBeNull();
        container["Id"]!.GetValue<string>().ShouldBe(before);
        container["State"]!["Running"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_reload_on_another_platform_than_the_one_started_refuses()
    {
        (await Skupper("site", "create", "west", "--platform", "linux")).ExitCode.ShouldBe(0);
        (await Skupper("system", "start", "--platform", "linux")).ExitCode.ShouldBe(0);
        var files = Snapshot("default");

        var r = await Skupper("system", "reload", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: existing namespace uses \"linux\" platform and it cannot change to \"podman\"\n");
        Snapshot("default").ShouldBe(files);
    }

    /// <summary>Every file of the namespace with its content and mode.</summary>
    private Dictionary<string, string> Snapshot(string ns) => Directory.EnumerateFiles(Namespace(ns), "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(Namespace(ns), f), f => $"{File.GetUnixFileMode(f)} {File.ReadAllText(f)}");

    public void Dispose() => _home.Dispose();
}
