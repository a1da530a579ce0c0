using Shouldly;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

public sealed class CreateTests(SandboxFixture fixture) : SiteTestBase(fixture.Server), IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Create_through_kubectl_waits_until_ready_and_leaves_link_access_off()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Kubectl(home, "skupper", "site", "create", "west", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is ready.\n");
        r.Err.ShouldBe("Waiting for status...\n");
        var site = Site(ns, "west").ShouldNotBeNull();
        site["spec"]?["linkAccess"].ShouldBeNull();
        site["spec"]?["ha"].ShouldBeNull();
        Str(site["status"]?["status"]).ShouldBe("Ready");
    }

    [Fact]
    public async Task Create_with_link_access_sets_default_and_a_token_can_then_be_issued()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Kubectl(home, "skupper", "site", "create", "west", "--enable-link-access", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is ready.\n");
        Str(Site(ns, "west")!["spec"]!["linkAccess"]).ShouldBe("default");
        var token = Path.Combine(home.Home, "token.yaml");
        var issue = await Skupper(home, "token", "issue", token, "-n", ns);
        issue.ExitCode.ShouldBe(0, issue.ToString());
        File.Exists(token).ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_cannot_be_issued_for_a_site_created_without_link_access()
    {
        var ns = NewNamespace();
        var home = NewHome();
        (await Skupper(home, "site", "create", "west", "-n", ns)).ExitCode.ShouldBe(0);

        var issue = await Skupper(home, "token", "issue", Path.Combine(home.Home, "token.yaml"), "-n", ns);

        issue.ExitCode.ShouldNotBe(0, issue.ToString());
        issue.Err.ShouldContain("link access", Case.Insensitive);
        File.Exists(Path.Combine(home.Home, "token.yaml")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("loadbalancer")]
    [InlineData("route")]
    [InlineData("default")]
    public async Task Link_access_type_is_written_to_the_spec(string type)
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--enable-link-access", "--link-access-type", type, "--enable-ha", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var spec = Site(ns, "west")!["spec"]!;
        Str(spec["linkAccess"]).ShouldBe(type);
        spec["ha"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Wait_configured_says_configured()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--wait", "configured", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is configured.\n");
    }

    [Fact]
    public async Task Wait_none_returns_without_waiting()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--wait", "none", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is created.\n");
        r.Err.ShouldBeEmpty();
        Site(ns, "west").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_second_site_in_the_namespace_is_refused_naming_the_first()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, "first");

        var r = await Skupper(home, "site", "create", "second", "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: A site resource already exists in namespace \"{ns}\": \"first\"; change it with \"kubectl skupper site update\"\n");
        List("sites", ns).Select(s => Str(s["metadata"]!["name"])).ShouldBe(["first"]);
    }

    [Fact]
    public async Task The_namespace_of_the_kubeconfig_context_is_used_without_n()
    {
        var home = NewHome();
        // Context "east" has namespace east; other tests in this class use fresh namespaces only.
        var r = await Skupper(home, "site", "create", "east-site", "--context", "east", "--wait", "none");

        r.ExitCode.ShouldBe(0, r.ToString());
        Site("east", "east-site").ShouldNotBeNull();
        Server.Delete(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, "sites", "east", "east-site");
    }
}

/// <summary>With no controller answering, waiting ends at --timeout and says what it last saw.</summary>
public sealed class CreateTimeoutTests(ControllerOffSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<ControllerOffSandbox>
{
    [Fact]
    public async Task Timeout_reports_the_site_as_not_ready_yet_with_a_hint()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--timeout", "10s", "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Waiting for status...\n" +
                       "Error: Site \"west\" is not ready yet: timed out after 10 seconds; last status: no status yet\n" +
                       "Check its status with \"kubectl skupper site status west\".\n");
        Site(ns, "west").ShouldNotBeNull();
    }

    [Fact]
    public async Task Update_does_not_take_the_status_left_from_before_the_change_as_ready()
    {
        var ns = NewNamespace();
        var home = NewHome();
        var site = Resource("Site", "west");
        site["status"] = new System.Text.Json.Nodes.JsonObject
        {
            ["status"] = "Ready", ["message"] = "OK",
            ["conditions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["reason"] = "Ready", ["message"] = "OK",
                ["observedGeneration"] = 1, ["lastTransitionTime"] = "2025-01-01T00:00:00Z",
            }),
        };
        Server.PutSkupper("sites", ns, site);

        var r = await Skupper(home, "site", "update", "--enable-link-access", "--timeout", "10s", "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain("Error: Site \"west\" is not ready yet: timed out after 10 seconds; last status: the controller has not processed the change yet\n");
        Str(Site(ns, "west")!["spec"]!["linkAccess"]).ShouldBe("default");
    }

    [Fact]
    public async Task Status_messages_from_the_server_reach_the_terminal_escaped()
    {
        // Issue 35, item 9: a status message could set the terminal's title and clear the screen.
        var ns = NewNamespace();
        var home = NewHome();
        var site = Resource("Site", "west");
        const string hostile = "\u001b]0;pwned\u0007\u001b[2Jline one\nline two";
        site["status"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "Error", ["message"] = hostile };
        Server.PutSkupper("sites", ns, site);

        var r = await Skupper(home, "site", "status", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldNotContain("\u001b");
        r.Out.ShouldContain("\\x1b]0;pwned\\x07\\x1b[2Jline one\\nline two");
        r.Out.TrimEnd('\n').Split('\n').Length.ShouldBe(2); // the header and one row: the message's newline adds none

        r = await Skupper(home, "site", "update", "--enable-link-access", "--timeout", "10s", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task A_refusal_no_retry_changes_fails_the_wait_at_once()
    {
        // Issue 35's mutation re-check: a final refusal met by WaitCheck.Condition must not be waited out. The run's own
        // 90 s bound fails the test long before the 5 minute --timeout would end a wait.
        var ns = NewNamespace();
        var home = NewHome();
        const string refusal = "Edge sites cannot accept incoming links from remote sites";
        var run = Skupper(home, "site", "create", "west", "--timeout", "5m", "-n", ns);
        var site = await Server.WaitForAsync("skupper.io", "v2alpha1", "sites", ns, "west", s => s is not null);
        var generation = site["metadata"]!["generation"]!.GetValue<long>();
        site["status"] = new System.Text.Json.Nodes.JsonObject
        {
            ["status"] = "Error", ["message"] = refusal,
            ["conditions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "Ready", ["status"] = "False", ["reason"] = "Error", ["message"] = refusal,
                ["observedGeneration"] = generation, ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
            }),
        };
        Server.PutSkupper("sites", ns, site);

        var r = await run;

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain(refusal);
        r.Err.ShouldNotContain("timed out");
    }
}
