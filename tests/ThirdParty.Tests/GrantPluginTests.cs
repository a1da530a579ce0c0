using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>No simulated controller: the grants keep exactly the status a test puts.</summary>
public sealed class ControllerOffSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { ControllerEnabled = false };
}

/// <summary>
/// samples/Skupper.Plugins.Grant, built outside the solution against the packed SDK, installed in the
/// user plugin folder and run through the real kubectl against the sandbox.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed class GrantPluginTests(BuiltPlugins built, ControllerOffSandbox sandbox) : IClassFixture<ControllerOffSandbox>, IDisposable
{
    private readonly List<TestHome> _homes = [];
    private SandboxServer Server => sandbox.Server;

    public void Dispose()
    {
        foreach (var h in _homes) h.Dispose();
    }

    /// <summary>A private home with the sandbox's kubeconfig and the grant plugin copied into ~/.local/share/skupper/plugins/grant.</summary>
    private async Task<TestHome> HomeWithGrantAsync()
    {
        var home = new TestHome();
        _homes.Add(home);
        home.Variables["KUBECONFIG"] = Server.KubeconfigPath;
        BuiltPlugins.Install(await built.GrantPlugin, home.UserPlugins, "grant");
        return home;
    }

    private string NewNamespace()
    {
        var name = $"grants-{Guid.NewGuid().ToString("N")[..8]}";
        Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    private void PutGrant(string ns, string name, int? allowed = null, string? status = null, int? redemptions = null,
        string? expires = null, string? message = null)
    {
        var grant = new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1",
            ["kind"] = "AccessGrant",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["expirationWindow"] = "15m0s" },
        };
        if (allowed is not null) grant["spec"]!["redemptionsAllowed"] = allowed;
        if (status is not null)
        {
            grant["status"] = new JsonObject
            {
                ["status"] = status,
                ["message"] = message,
                ["redemptions"] = redemptions,
                ["expirationTime"] = expires,
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready", ["status"] = status == "Ready" ? "True" : "False",
                    ["reason"] = status, ["message"] = message ?? "", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                }),
            };
        }
        Server.PutSkupper("accessgrants", ns, grant);
    }

    [Fact]
    public async Task The_publish_folder_holds_the_plugin_and_its_private_YamlDotNet_but_nothing_the_host_provides()
    {
        var publish = await built.GrantPlugin;
        Directory.GetFiles(publish).Select(Path.GetFileName).Order().ShouldBe(
        [
            "Skupper.Plugins.Grant.deps.json", "Skupper.Plugins.Grant.dll", "Skupper.Plugins.Grant.pdb",
            "Skupper.Plugins.Grant.runtimeconfig.json", "YamlDotNet.dll",
        ]);
        // Not the host's 18.1.0: the plugin's own copy, loaded in its own context.
        AssemblyName.GetAssemblyName(Path.Combine(publish, "YamlDotNet.dll")).Version.ShouldBe(new Version(16, 0, 0, 0));
        AssemblyName.GetAssemblyName(Path.Combine(ManagedHostDir, "YamlDotNet.dll")).Version!.Major.ShouldBe(18);
        // The version plugin list shows.
        var plugin = AssemblyName.GetAssemblyName(Path.Combine(publish, "Skupper.Plugins.Grant.dll"));
        plugin.Version.ShouldBe(new Version(1, 0, 0, 0));
        File.ReadAllText(Path.Combine(publish, "Skupper.Plugins.Grant.deps.json")).ShouldNotContain("KubernetesClient");
    }

    [Fact]
    public async Task Plugin_list_shows_it_with_its_commands()
    {
        var home = await HomeWithGrantAsync();
        var r = await Kubectl(home, "skupper", "plugin", "list");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        var row = r.Out.Split('\n').Single(l => l.StartsWith("grant "));
        row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldBe(
            ["grant", "1.0.0", "ok", "grant status, grant delete", $"{Path.Combine(home.UserPlugins, "grant")} (user)"]);
    }

    [Fact]
    public async Task Status_says_when_there_are_no_grants()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        var r = await Kubectl(home, "skupper", "grant", "status", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"There are no access grants in namespace {ns}\n");
        r.Err.ShouldBe("");
    }

    [Fact]
    public async Task Status_prints_the_grants_as_a_table()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "west-link", allowed: 5, status: "Ready", redemptions: 2, expires: "2026-12-04T10:00:00Z", message: "OK");
        PutGrant(ns, "east-pending");

        var r = await Kubectl(home, "skupper", "grant", "status", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe(
            "NAME          STATUS   REDEEMED  EXPIRES               MESSAGE\n" +
            "east-pending  Pending  0/1       -                     -\n" +
            "west-link     Ready    2/5       2026-12-04T10:00:00Z  OK\n");

        r = await Kubectl(home, "skupper", "grant", "status", "west-link", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe(
            "NAME       STATUS  REDEEMED  EXPIRES               MESSAGE\n" +
            "west-link  Ready   2/5       2026-12-04T10:00:00Z  OK\n");
    }

    [Fact]
    public async Task Status_writes_json_and_yaml_through_the_shared_output_service()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "west-link", allowed: 5, status: "Ready", redemptions: 2, expires: "2026-12-04T10:00:00Z", message: "OK");

        var r = await Kubectl(home, "skupper", "grant", "status", "west-link", "-o", "json", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = JsonNode.Parse(r.Out)!;
        grant["kind"]!.GetValue<string>().ShouldBe("AccessGrant");
        grant["metadata"]!["name"]!.GetValue<string>().ShouldBe("west-link");
        grant["spec"]!["redemptionsAllowed"]!.GetValue<int>().ShouldBe(5);
        grant["status"]!["redemptions"]!.GetValue<int>().ShouldBe(2);

        r = await Kubectl(home, "skupper", "grant", "status", "-o", "yaml", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("apiVersion: v1\nkind: List\nitems:\n- apiVersion: skupper.io/v2alpha1\n  kind: AccessGrant\n");
        r.Out.ShouldContain("  name: west-link\n");

        // Nothing in the namespace: still a List, for scripts.
        r = await Kubectl(home, "skupper", "grant", "status", "-o", "json", "-n", NewNamespace());
        r.ExitCode.ShouldBe(0, r.ToString());
        JsonNode.Parse(r.Out)!["items"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Status_of_a_missing_grant_or_with_a_bad_format_is_an_error()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        var r = await Kubectl(home, "skupper", "grant", "status", "nope", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Out.ShouldBe("");
        r.Err.ShouldBe($"Error: No access grant named \"nope\" exists in namespace \"{ns}\"\n");

        r = await Kubectl(home, "skupper", "grant", "status", "-o", "table", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: invalid value \"table\" for --output: choose json or yaml\n");
    }

    [Fact]
    public async Task Delete_deletes_and_waits_until_the_grant_is_gone()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "west-link", status: "Ready", message: "OK");
        PutGrant(ns, "other");

        var r = await Kubectl(home, "skupper", "grant", "delete", "west-link", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Waiting for deletion...\n");
        r.Out.ShouldBe("Access grant \"west-link\" is deleted.\n");
        Server.GetSkupper("accessgrants", ns, "west-link").ShouldBeNull();
        Server.GetSkupper("accessgrants", ns, "other").ShouldNotBeNull();

        r = await Kubectl(home, "skupper", "grant", "delete", "other", "--wait=false", "--timeout", "5s", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("Access grant \"other\" is deleted.\n");
        Server.GetSkupper("accessgrants", ns, "other").ShouldBeNull();
    }

    [Fact]
    public async Task Off_Kubernetes_status_and_delete_work_on_the_grant_files_where_the_Go_CLI_keeps_them()
    {
        var home = await HomeWithGrantAsync();
        var r = await Kubectl(home, "skupper", "grant", "status", "--platform", "podman", "-n", "west");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("There are no access grants in namespace west\n");

        // As a user writes one for "system start" (the Go CLI's input/resources/AccessGrant-NAME.yaml).
        var resources = Path.Combine(home.SkupperData, "namespaces", "west", "input", "resources");
        Directory.CreateDirectory(resources);
        var file = Path.Combine(resources, "AccessGrant-west-link.yaml");
        File.WriteAllText(file, "apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: west-link\n" +
                                "spec:\n  redemptionsAllowed: 3\n  expirationWindow: 1h\n");

        r = await Kubectl(home, "skupper", "grant", "status", "--platform", "podman", "-n", "west");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("NAME       STATUS   REDEEMED  EXPIRES  MESSAGE\nwest-link  Pending  0/3       -        -\n");

        r = await Kubectl(home, "skupper", "grant", "delete", "west-link", "--platform", "podman", "-n", "west");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("Access grant \"west-link\" is deleted.\n");
        File.Exists(file).ShouldBeFalse();

        r = await Kubectl(home, "skupper", "grant", "delete", "west-link", "--platform", "podman", "-n", "west");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Error: No access grant named \"west-link\" exists in namespace \"west\"\n");
    }

    [Fact]
    public async Task Delete_of_a_missing_grant_or_without_a_name_is_an_error()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "kept");
        var r = await Kubectl(home, "skupper", "grant", "delete", "nope", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: No access grant named \"nope\" exists in namespace \"{ns}\"\n");

        r = await Kubectl(home, "skupper", "grant", "delete", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: a grant name is required: kubectl skupper grant delete <name>\n");

        r = await Kubectl(home, "skupper", "grant", "delete", "kept", "--wait=maybe", "--timeout", "0s", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(
            "Error: invalid value \"maybe\" for --wait: use true or false\n" +
            "Error: invalid value \"0s\" for --timeout: it must be greater than zero, such as 60s or 5m\n");
        Server.GetSkupper("accessgrants", ns, "kept").ShouldNotBeNull();
    }

    [Fact]
    public async Task Delete_reads_the_users_defaults_with_the_plugins_own_YamlDotNet()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "a");
        PutGrant(ns, "b");
        var defaults = Path.Combine(home.ConfigHome, "skupper", "grant.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(defaults)!);

        File.WriteAllText(defaults, "# my defaults\ndelete:\n  wait: false\n");
        var r = await Kubectl(home, "skupper", "grant", "delete", "a", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe(""); // no "Waiting for deletion..."
        r.Out.ShouldBe("Access grant \"a\" is deleted.\n");

        // A flag wins over the file.
        r = await Kubectl(home, "skupper", "grant", "delete", "b", "--wait", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Waiting for deletion...\n");

        // Problems name the file and the line; nothing is deleted.
        PutGrant(ns, "c");
        File.WriteAllText(defaults, "delete:\n  wait: false\n  timeout: soon\n  retries: 3\n");
        r = await Kubectl(home, "skupper", "grant", "delete", "c", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe(
            $"Error: {defaults}: line 3: invalid value \"soon\" for timeout: invalid duration \"soon\": use a number and a unit, such as 90s, 15m, 1h30m or 500ms\n" +
            $"Error: {defaults}: line 4: unknown setting \"retries\" (use wait or timeout)\n");
        File.WriteAllText(defaults, "delete: [\n");
        r = await Kubectl(home, "skupper", "grant", "delete", "c", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: {defaults}: line ");
        Server.GetSkupper("accessgrants", ns, "c").ShouldNotBeNull();
    }

    [Fact]
    public async Task Delete_raises_its_own_hook_event_and_a_hook_may_refuse()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "prod-west");
        PutGrant(ns, "test-west");
        // A site admin's hook, in the user hook folder, for the plugin's event grant.delete.before.
        var hooks = Path.Combine(home.ConfigHome, "skupper", "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, (UnixFileMode)0b111_101_101);
        var hook = Path.Combine(hooks, "protect-prod.js");
        File.WriteAllText(hook, """
            export function beforeGrantDelete(ctx) {
              if (ctx.name.startsWith("prod-"))
                refuse(`grant ${ctx.name} in ${ctx.namespace} is a production grant: ask the network team`);
            }
            """);
        File.SetUnixFileMode(hook, (UnixFileMode)0b110_100_100);

        var r = await Kubectl(home, "skupper", "hook", "list");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.Split('\n').Single(l => l.StartsWith("protect-prod")).ShouldContain("grant.delete.before");

        r = await Kubectl(home, "skupper", "grant", "delete", "prod-west", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Out.ShouldBe("");
        r.Err.ShouldBe($"Error: hook {hook} refused: grant prod-west in {ns} is a production grant: ask the network team\n");
        Server.GetSkupper("accessgrants", ns, "prod-west").ShouldNotBeNull();

        r = await Kubectl(home, "skupper", "grant", "delete", "test-west", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Access grant \"test-west\" is deleted.\n");
        Server.GetSkupper("accessgrants", ns, "test-west").ShouldBeNull();

        // --no-hooks (the host's) skips them for the plugin's event too.
        r = await Kubectl(home, "skupper", "grant", "delete", "prod-west", "--no-hooks", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        Server.GetSkupper("accessgrants", ns, "prod-west").ShouldBeNull();
    }

    [Fact]
    public async Task A_delete_the_cluster_forbids_is_one_error_and_the_grant_stays()
    {
        var home = await HomeWithGrantAsync();
        var ns = NewNamespace();
        PutGrant(ns, "kept");
        Server.Rbac.Deny("delete", "accessgrants", ns);
        try
        {
            var r = await Kubectl(home, "skupper", "grant", "delete", "kept", "-n", ns);
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Out.ShouldBe("");
            r.Err.ShouldStartWith("Error: forbidden: you are not allowed to delete accessgrants");
            r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1, r.Err);
            Server.GetSkupper("accessgrants", ns, "kept").ShouldNotBeNull();
        }
        finally
        {
            Server.Rbac.Allow("delete", "accessgrants", ns);
        }
    }
}
