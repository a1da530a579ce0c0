using Skupper.Cli.TestSupport;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

public sealed class UpdateTests(FastSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    [Fact]
    public async Task Update_through_kubectl_turns_link_access_on_for_the_namespace_site()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);

        var r = await Kubectl(home, "skupper", "site", "update", "--enable-link-access", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is ready.\n");
        r.Err.ShouldBe("Waiting for status...\n");
        var site = Site(ns, "west")!;
        Str(site["spec"]!["linkAccess"]).ShouldBe("default");
        // Ready for the new generation: link access is resolved.
        site["status"]!["endpoints"].ShouldBeOfType<JsonArray>().Count.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("--disable-link-access")]
    [InlineData("--enable-link-access=false")]
    public async Task Link_access_can_be_turned_off_and_other_fields_are_kept(string flag)
    {
        var ns = NewNamespace();
        var home = NewHome();
        (await Skupper(home, "site", "create", "west", "--enable-link-access", "--enable-ha", "-n", ns)).ExitCode.ShouldBe(0);

        var r = await Skupper(home, "site", "update", "west", flag, "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var spec = Site(ns, "west")!["spec"]!;
        Str(spec["linkAccess"]).ShouldBe("none");
        spec["ha"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Link_access_type_alone_changes_the_type_of_a_site_that_has_link_access()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, linkAccess: "default");

        var r = await Skupper(home, "site", "update", "--link-access-type", "route", "--wait", "configured", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is configured.\n");
        Str(Site(ns, "west")!["spec"]!["linkAccess"]).ShouldBe("route");
    }

    [Fact]
    public async Task No_site_is_reported()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await Skupper(home, "site", "update", "--enable-link-access", "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: No site resource exists in namespace \"{ns}\"; create one with \"kubectl skupper site create <name>\"\n");
    }

    [Fact]
    public async Task Several_sites_need_a_name_and_nothing_changes()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, "a");
        await ReadySiteAsync(ns, "b");

        var r = await Skupper(home, "site", "update", "--enable-link-access", "-n", ns);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe($"Error: namespace \"{ns}\" has several sites (\"a\", \"b\"): give the name of one\n");
        List("sites", ns).ShouldAllBe(s => s["spec"]!["linkAccess"] == null);

        var named = await Skupper(home, "site", "update", "b", "--enable-link-access", "-n", ns);
        named.ExitCode.ShouldBe(0, named.ToString());
        Str(Site(ns, "b")!["spec"]!["linkAccess"]).ShouldBe("default");
        Site(ns, "a")!["spec"]!["linkAccess"].ShouldBeNull();
    }

    [Fact]
    public async Task Unknown_name_nothing_to_change_and_link_access_type_without_access_are_refused()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);

        var unknown = await Skupper(home, "site", "update", "east", "--enable-ha", "-n", ns);
        unknown.ExitCode.ShouldBe(1, unknown.ToString());
        unknown.Err.ShouldBe($"Error: No site resource named \"east\" exists in namespace \"{ns}\" (it has \"west\")\n");

        var nothing = await Skupper(home, "site", "update", "-n", ns);
        nothing.ExitCode.ShouldBe(2, nothing.ToString());
        nothing.Err.ShouldBe("Error: nothing to change: give --enable-link-access, --disable-link-access, --link-access-type or --enable-ha\n");

        var type = await Skupper(home, "site", "update", "--link-access-type", "route", "-n", ns);
        type.ExitCode.ShouldBe(2, type.ToString());
        type.Err.ShouldBe("Error: --link-access-type needs link access: add --enable-link-access\n");

        var both = await Skupper(home, "site", "update", "--enable-link-access", "--disable-link-access", "-n", ns);
        both.ExitCode.ShouldBe(2, both.ToString());
        both.Err.ShouldContain("contradict each other");

        Site(ns, "west")!["spec"]!.AsObject().Count.ShouldBe(0);
        Site(ns, "west")!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
    }
}

public sealed class DeleteTests(FastSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    [Fact]
    public async Task Delete_through_kubectl_waits_for_deletion()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);

        var r = await Kubectl(home, "skupper", "site", "delete", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Waiting for deletion...\n");
        r.Out.ShouldBe("Site \"west\" is deleted.\n");
        List("sites", ns).ShouldBeEmpty();
    }

    private const string Held = "example.com/held";

    [Fact]
    public async Task Delete_waits_until_the_finalizers_are_cleared_and_the_site_is_gone()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);
        Server.AddFinalizer("sites", ns, "west", Held);
        try
        {
            var run = Skupper(home, "site", "delete", "-n", ns, "--timeout", "120s");
            var waiting = Server.Requests.WaitForAsync(log => log.Any(e => e.IsWatch && e.Path.EndsWith($"/namespaces/{ns}/sites", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60), "the wait's watch on the site");
            if (await Task.WhenAny(run, waiting) == run)
                throw new ShouldAssertException($"site delete ended while the site was still there (Terminating): {await run}");
            await waiting;
            Site(ns, "west")!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
            run.IsCompleted.ShouldBeFalse();

            Server.RemoveFinalizer("sites", ns, "west", Held);
            var r = await run;

            r.ExitCode.ShouldBe(0, r.ToString());
            r.Err.ShouldBe("Waiting for deletion...\n");
            r.Out.ShouldBe("Site \"west\" is deleted.\n");
            Site(ns, "west").ShouldBeNull();
        }
        finally
        {
            if (Site(ns, "west") != null) Server.RemoveFinalizer("sites", ns, "west", Held);
        }
    }

    [Fact]
    public async Task Delete_times_out_naming_the_site_that_is_still_there()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);
        Server.AddFinalizer("sites", ns, "west", Held);
        try
        {
            var r = await Skupper(home, "site", "delete", "-n", ns, "--timeout", "10s");

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldBe("Waiting for deletion...\nError: Site \"west\" is not deleted yet: it still exists after 10 seconds\n" +
                           "Check it with \"kubectl skupper site status west\".\n");
            r.Out.ShouldBeEmpty();
            Site(ns, "west")!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        }
        finally
        {
            Server.RemoveFinalizer("sites", ns, "west", Held);
        }
        Site(ns, "west").ShouldBeNull();
    }

    /// <summary>Every kind the Go CLI's "site delete --all" deletes on Kubernetes, with a valid spec for each CRD.</summary>
    private static readonly (string Plural, JsonObject Resource)[] RelatedOfEveryKind =
    [
        ("connectors", Resource("Connector", "backend", new JsonObject { ["routingKey"] = "backend", ["port"] = 8080, ["selector"] = "app=backend" })),
        ("listeners", Resource("Listener", "backend", new JsonObject { ["routingKey"] = "backend", ["host"] = "backend", ["port"] = 8080 })),
        ("links", Resource("Link", "l1", new JsonObject { ["cost"] = 1 })),
        ("accesstokens", Resource("AccessToken", "t1", new JsonObject { ["url"] = "https://x/grants/a/b", ["code"] = "c", ["ca"] = "ca" })),
        ("accessgrants", Resource("AccessGrant", "g1", new JsonObject { ["redemptionsAllowed"] = 1 })),
        ("routeraccesses", Resource("RouterAccess", "skupper-router", new JsonObject { ["roles"] = new JsonArray(new JsonObject { ["name"] = "inter-router", ["port"] = 55671 }), ["tlsCredentials"] = "skupper-site-server" })),
        ("securedaccesses", Resource("SecuredAccess", "skupper-router", new JsonObject { ["selector"] = new JsonObject { ["app"] = "router" }, ["ports"] = new JsonArray(new JsonObject { ["name"] = "inter-router", ["port"] = 55671 }) })),
        ("certificates", Resource("Certificate", "skupper-site-server", new JsonObject { ["ca"] = "skupper-site-ca", ["subject"] = "west" })),
        ("attachedconnectors", Resource("AttachedConnector", "db", new JsonObject { ["port"] = 5432, ["selector"] = "app=db", ["siteNamespace"] = "west" })),
        ("attachedconnectorbindings", Resource("AttachedConnectorBinding", "db", new JsonObject { ["connectorNamespace"] = "db", ["routingKey"] = "db" })),
    ];

    [Fact]
    public async Task Delete_all_removes_what_the_go_cli_removes_and_lists_it_in_the_go_cli_order()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, linkAccess: "default");
        foreach (var (plural, resource) in RelatedOfEveryKind) Server.PutSkupper(plural, ns, resource.DeepClone().AsObject());
        // Not on the Go CLI's list: stays.
        Server.PutSkupper("multikeylisteners", ns, Resource("MultiKeyListener", "mkl", new JsonObject
        {
            ["host"] = "mkl", ["port"] = 9090, ["strategy"] = new JsonObject { ["priority"] = new JsonObject { ["routingKeysByPriority"] = new JsonArray("a") } },
        }));
        var other = NewNamespace();
        Server.PutSkupper("links", other, Resource("Link", "keep", new JsonObject { ["cost"] = 1 }));
        Server.PutSkupper("connectors", other, Resource("Connector", "keep", new JsonObject { ["routingKey"] = "k", ["port"] = 1 }));

        var r = await Kubectl(home, "skupper", "site", "delete", "west", "--all", "-n", ns);

        // skupper-site-ca is the site's CA, which the controller made when the site started.
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("""
            Site "west" is deleted.
            Connector "backend" is deleted.
            Listener "backend" is deleted.
            Link "l1" is deleted.
            AccessToken "t1" is deleted.
            AccessGrant "g1" is deleted.
            RouterAccess "skupper-router" is deleted.
            SecuredAccess "skupper-router" is deleted.
            Certificate "skupper-site-ca" is deleted.
            Certificate "skupper-site-server" is deleted.
            AttachedConnector "db" is deleted.
            AttachedConnectorBinding "db" is deleted.

            """);
        List("sites", ns).ShouldBeEmpty();
        foreach (var (plural, _) in RelatedOfEveryKind) List(plural, ns).ShouldBeEmpty(plural);
        List("multikeylisteners", ns).Count.ShouldBe(1);
        List("links", other).Count.ShouldBe(1);
        List("connectors", other).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_forbidden_list_of_a_kind_the_sdk_has_no_model_for_stops_delete_all_before_anything_is_deleted()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);
        Server.PutSkupper("connectors", ns, Resource("Connector", "backend", new JsonObject { ["routingKey"] = "backend", ["port"] = 8080 }));
        Server.Rbac.Deny("list", "certificates", ns);
        RunResult r;
        try { r = await Skupper(home, "site", "delete", "--all", "-n", ns); }
        finally { Server.Rbac.Allow("list", "certificates", ns); }

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: forbidden: you are not allowed to list certificates.skupper.io in namespace \"{ns}\"");
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1, r.Err);
        List("sites", ns).Count.ShouldBe(1);
        List("connectors", ns).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Wait_false_does_not_wait()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns);

        var r = await Skupper(home, "site", "delete", "--wait=false", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBeEmpty();
        r.Out.ShouldBe("Site \"west\" is deleted.\n");
    }

    [Fact]
    public async Task No_site_is_reported_and_a_forbidden_list_stops_delete_all_before_anything_is_deleted()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var none = await Skupper(home, "site", "delete", "-n", ns);
        none.ExitCode.ShouldBe(1, none.ToString());
        none.Err.ShouldStartWith($"Error: No site resource exists in namespace \"{ns}\"");

        await ReadySiteAsync(ns);
        Server.PutSkupper("links", ns, Resource("Link", "l1", new JsonObject { ["cost"] = 1 }));
        Server.Rbac.Deny("list", "accessgrants", ns);
        RunResult forbidden;
        try { forbidden = await Skupper(home, "site", "delete", "--all", "-n", ns); }
        finally { Server.Rbac.Allow("list", "accessgrants", ns); }

        forbidden.ExitCode.ShouldBe(1, forbidden.ToString());
        forbidden.Err.ShouldStartWith($"Error: forbidden: you are not allowed to list accessgrants.skupper.io in namespace \"{ns}\"");
        List("sites", ns).Count.ShouldBe(1);
        List("links", ns).Count.ShouldBe(1);
    }
}
