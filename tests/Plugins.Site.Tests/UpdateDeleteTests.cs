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

    [Fact]
    public async Task Delete_all_removes_grants_tokens_and_links_and_lists_them()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, linkAccess: "default");
        Server.PutSkupper("accessgrants", ns, Resource("AccessGrant", "g1", new JsonObject { ["redemptionsAllowed"] = 1 }));
        Server.PutSkupper("accesstokens", ns, Resource("AccessToken", "t1", new JsonObject { ["url"] = "https://x/grants/a/b", ["code"] = "c", ["ca"] = "ca" }));
        Server.PutSkupper("links", ns, Resource("Link", "l1", new JsonObject { ["cost"] = 1 }));
        var other = NewNamespace();
        Server.PutSkupper("links", other, Resource("Link", "keep", new JsonObject { ["cost"] = 1 }));

        var r = await Kubectl(home, "skupper", "site", "delete", "west", "--all", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is deleted.\nLink \"l1\" is deleted.\nAccessToken \"t1\" is deleted.\nAccessGrant \"g1\" is deleted.\n");
        foreach (var plural in new[] { "sites", "accessgrants", "accesstokens", "links" }) List(plural, ns).ShouldBeEmpty();
        List("links", other).Count.ShouldBe(1);
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
        var forbidden = await Skupper(home, "site", "delete", "--all", "-n", ns);
        Server.Rbac.Allow("list", "accessgrants", ns);

        forbidden.ExitCode.ShouldBe(1, forbidden.ToString());
        forbidden.Err.ShouldStartWith($"Error: forbidden: you are not allowed to list accessgrants.skupper.io in namespace \"{ns}\"");
        List("sites", ns).Count.ShouldBe(1);
        List("links", ns).Count.ShouldBe(1);
    }
}
