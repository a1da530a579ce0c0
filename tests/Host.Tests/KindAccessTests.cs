using System.Diagnostics;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>A sandbox without the skupper.io API, as a cluster where Skupper is not installed.</summary>
public sealed class SkupperlessSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions { InstallSkupper = false }.WithDelay(TimeSpan.Zero);
}

/// <summary>
/// A third-party plugin (the dummy fixture) reads, writes and waits on ConfigMaps through the SDK's typed cluster
/// access, run through the built CLI against the sandbox: what the user sees and what is left in the cluster.
/// </summary>
public sealed class KindAccessTests(InstantSandbox fixture) : IClassFixture<InstantSandbox>, IDisposable
{
    private readonly List<TestHome> _homes = [];
    private SandboxServer Server => fixture.Server;

    public void Dispose()
    {
        foreach (var home in _homes) home.Dispose();
    }

    internal static (TestHome Home, string Namespace) NewHome(SandboxServer server, List<TestHome> homes)
    {
        var home = new TestHome();
        homes.Add(home);
        home.Variables["KUBECONFIG"] = server.KubeconfigPath;
        PluginWorkspace.InstallFixture("dummy", home.UserPlugins);
        var ns = $"cm-{Guid.NewGuid().ToString("N")[..8]}";
        server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        return (home, ns);
    }

    private (TestHome Home, string Namespace) NewHome() => NewHome(Server, _homes);

    private static Task<RunResult> Dummy(TestHome home, string ns, params string[] args) =>
        ProcessRunner.KubectlSkupper(home, ["dummy", .. args, "-n", ns]);

    private JsonObject? ConfigMap(string ns, string name) => Server.Get("", "v1", "configmaps", ns, name);

    private void PutConfigMap(string ns, string name, JsonObject? data = null, params string[] finalizers)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (finalizers.Length > 0) metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)f!).ToArray());
        Server.Put("", "v1", "configmaps", ns, new JsonObject { ["metadata"] = metadata, ["data"] = data ?? new JsonObject() });
    }

    [Fact]
    public async Task A_plugin_creates_gets_lists_sets_and_deletes_a_configmap()
    {
        var (home, ns) = NewHome();

        var create = await Dummy(home, ns, "configmap-create", "app", "color=blue");
        create.ExitCode.ShouldBe(0, create.ToString());
        create.Out.ShouldBe("configmap \"app\" created\n");
        ConfigMap(ns, "app").ShouldNotBeNull()["data"]!.ToJsonString().ShouldBe("""{"color":"blue"}""");

        var get = await Dummy(home, ns, "configmap-get", "app");
        get.ExitCode.ShouldBe(0, get.ToString());
        var version = ConfigMap(ns, "app")!["metadata"]!["resourceVersion"]!.GetValue<string>();
        get.Out.ShouldBe($"ConfigMap/app in {ns} (resourceVersion {version})\ncolor=blue\n");

        PutConfigMap(ns, "other");
        var list = await Dummy(home, ns, "configmap-list");
        list.ExitCode.ShouldBe(0, list.ToString());
        // The API server leaves apiVersion and kind out of a built-in kind's list items; the host fills them in.
        list.Out.ShouldBe("v1 ConfigMap app 1\nv1 ConfigMap other 0\n");

        var set = await Dummy(home, ns, "configmap-set", "app", "size=2", "color=red");
        set.ExitCode.ShouldBe(0, set.ToString());
        set.Out.ShouldBe("configmap \"app\" now has 2 keys\n");
        ConfigMap(ns, "app")!["data"]!.ToJsonString().ShouldBe("""{"color":"red","size":"2"}""");

        var delete = await Dummy(home, ns, "configmap-delete", "app");
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe("configmap \"app\" deleted\n");
        ConfigMap(ns, "app").ShouldBeNull();
        ConfigMap(ns, "other").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_missing_configmap_is_named_as_missing_and_never_as_skupper_not_installed()
    {
        var (home, ns) = NewHome();

        var set = await Dummy(home, ns, "configmap-set", "missing", "a=b");

        set.ExitCode.ShouldBe(1, set.ToString());
        set.Err.ShouldBe($"Error: configmaps \"missing\" not found in namespace \"{ns}\"\n");
        set.Out.ShouldBeEmpty();
        ConfigMap(ns, "missing").ShouldBeNull();
    }

    [Fact]
    public async Task Creating_a_configmap_that_exists_says_so_and_leaves_it_as_it_was()
    {
        var (home, ns) = NewHome();
        PutConfigMap(ns, "app", new JsonObject { ["k"] = "old" });

        var create = await Dummy(home, ns, "configmap-create", "app", "k=new");

        create.ExitCode.ShouldBe(1, create.ToString());
        create.Err.ShouldBe($"Error: configmaps \"app\" already exists in namespace \"{ns}\"\n");
        ConfigMap(ns, "app")!["data"]!["k"]!.GetValue<string>().ShouldBe("old");
    }

    [Fact]
    public async Task A_key_the_api_server_refuses_is_reported_with_its_rule_and_nothing_is_created()
    {
        var (home, ns) = NewHome();

        var create = await Dummy(home, ns, "configmap-create", "app", "bad key=x");

        create.ExitCode.ShouldBe(1, create.ToString());
        create.Err.ShouldBe("Error: the cluster refused the configmaps: ConfigMap \"app\" is invalid: data[bad key]: " +
                            "Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
                            "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n");
        ConfigMap(ns, "app").ShouldBeNull();
    }

    [Fact]
    public async Task A_wait_on_a_configmap_ends_when_another_client_gives_it_the_key()
    {
        var (home, ns) = NewHome();
        PutConfigMap(ns, "app");

        string[] args = ["dummy", "configmap-wait", "app", "ready", "--timeout", "60s", "-n", ns];
        var wait = await ProcessRunner.Run(ProcessRunner.HostExe, args, home, whileRunning: _ =>
            {
                // Once the command watches (after its list), the change must reach it through the watch.
                var clock = Stopwatch.StartNew();
                bool Watching() => Server.Requests.Entries.Any(e => e.IsWatch && e.Path == $"/api/v1/namespaces/{ns}/configmaps");
                while (!Watching() && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
                PutConfigMap(ns, "app", new JsonObject { ["ready"] = "yes" });
            });

        wait.ExitCode.ShouldBe(0, wait.ToString());
        wait.Out.ShouldBe("ready=yes\n");
    }

    [Fact]
    public async Task A_wait_that_runs_out_says_what_it_waited_for_what_it_last_saw_and_how_to_look()
    {
        var (home, ns) = NewHome();
        PutConfigMap(ns, "app");

        // 4 s, not 1: the last status is what the wait's first read saw, and under load (all test projects at once, a
        // managed host starting cold) that read came after a 1 s timeout had already run out.
        var wait = await Dummy(home, ns, "configmap-wait", "app", "ready", "--timeout", "4s");

        wait.ExitCode.ShouldBe(1, wait.ToString());
        wait.Err.ShouldBe("Waiting for status...\n" +
                          "Error: ConfigMap \"app\" is not holding ready yet: timed out after 4 seconds; " +
                          "last status: it has no key ready yet\n" +
                          $"Check it with \"kubectl get configmap app -n {ns}\".\n");
    }

    [Fact]
    public async Task Deleting_waits_while_a_finalizer_holds_the_configmap()
    {
        var (home, ns) = NewHome();
        var finalizer = $"example.com/hold-{ns}";
        Server.Finalizers.Handle(finalizer, TimeSpan.FromSeconds(1.5));
        PutConfigMap(ns, "app", null, finalizer);
        var clock = Stopwatch.StartNew();

        var delete = await Dummy(home, ns, "configmap-delete", "app");

        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe("configmap \"app\" deleted\n");
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.4));
        ConfigMap(ns, "app").ShouldBeNull();
    }

    [Fact]
    public async Task A_deletion_a_finalizer_never_lets_finish_times_out_naming_the_configmap()
    {
        var (home, ns) = NewHome();
        PutConfigMap(ns, "app", null, "example.com/never");

        var delete = await Dummy(home, ns, "configmap-delete", "app", "--timeout", "1s");

        delete.ExitCode.ShouldBe(1, delete.ToString());
        delete.Err.ShouldBe("Waiting for deletion...\nError: ConfigMap \"app\" is not deleted yet: it still exists after 1 second\n" +
                            $"Check it with \"kubectl get configmap app -n {ns}\".\n");
        ConfigMap(ns, "app").ShouldNotBeNull()["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_hook_label_is_checked_with_the_sdk_rules_and_the_error_names_the_hook_file()
    {
        var (home, ns) = NewHome();
        var hooks = HookFolder(home);
        var hook = WriteHook(hooks, "labels.js", """
            export function beforeConfigmapCreate(ctx) {
              ctx.labels["team"] = "blue";
              ctx.labels["bad key"] = "x";
            }
            """);

        var create = await Dummy(home, ns, "configmap-create", "app");

        create.ExitCode.ShouldBe(1, create.ToString());
        create.Err.ShouldBe($"Error: hook {hook} (configmap.create.before) set labels key \"bad key\": name part must consist of " +
                            "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
                            "(e.g. 'MyName', or 'my.name', or '123-abc')\n");
        ConfigMap(ns, "app").ShouldBeNull();
    }

    [Fact]
    public async Task A_hook_label_that_passes_the_checks_is_put_on_the_configmap()
    {
        var (home, ns) = NewHome();
        WriteHook(HookFolder(home), "labels.js", """
            export function beforeConfigmapCreate(ctx) {
              return { labels: { team: "blue" } };
            }
            """);

        var create = await Dummy(home, ns, "configmap-create", "app");

        create.ExitCode.ShouldBe(0, create.ToString());
        create.Out.ShouldBe("configmap \"app\" created team=blue\n");
        ConfigMap(ns, "app")!["metadata"]!["labels"]!["team"]!.GetValue<string>().ShouldBe("blue");
    }

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static string HookFolder(TestHome home)
    {
        var hooks = Path.Combine(home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        home.Variables["SKUPPER_HOOKS_PATH"] = hooks;
        return hooks;
    }

    private static string WriteHook(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, Readable);
        return path;
    }
}

/// <summary>In a cluster without Skupper, the core kinds work as anywhere; only a Skupper kind says Skupper is missing.</summary>
public sealed class KindAccessWithoutSkupperTests(SkupperlessSandbox fixture) : IClassFixture<SkupperlessSandbox>, IDisposable
{
    private readonly List<TestHome> _homes = [];

    public void Dispose()
    {
        foreach (var home in _homes) home.Dispose();
    }

    [Fact]
    public async Task Configmaps_work_and_a_missing_one_is_named_while_a_skupper_command_says_skupper_is_not_installed()
    {
        var (home, ns) = KindAccessTests.NewHome(fixture.Server, _homes);

        var create = await ProcessRunner.KubectlSkupper(home, "dummy", "configmap-create", "app", "k=v", "-n", ns);
        create.ExitCode.ShouldBe(0, create.ToString());
        fixture.Server.Get("", "v1", "configmaps", ns, "app").ShouldNotBeNull();

        var missing = await ProcessRunner.KubectlSkupper(home, "dummy", "configmap-set", "missing", "a=b", "-n", ns);
        missing.ExitCode.ShouldBe(1, missing.ToString());
        missing.Err.ShouldBe($"Error: configmaps \"missing\" not found in namespace \"{ns}\"\n");

        var site = await ProcessRunner.KubectlSkupper(home, "site", "status", "-n", ns);
        site.ExitCode.ShouldBe(1, site.ToString());
        site.Err.ShouldStartWith($"Error: Skupper is not installed in the cluster at {fixture.Server.Url}: " +
                                 "the skupper.io/v2alpha1 API is not available. Install Skupper v2 first.");
    }
}
