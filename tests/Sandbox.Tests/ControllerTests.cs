using System.Net;
using k8s;
using k8s.Autorest;

namespace Skupper.Sandbox.Tests;

/// <summary>The simulated Skupper controller: sites, grants, token redemption, links.</summary>
public sealed class ControllerTests : IClassFixture<FastSandboxFixture>
{
    private const string G = Objects.G, V = Objects.V;
    private readonly SandboxServer _server;

    public ControllerTests(FastSandboxFixture fixture) => _server = fixture.Server;

    // Each test works in its own namespace: one site per namespace is what Skupper allows.
    private string Namespace(string name)
    {
        _server.Store.Create(_server.Catalog.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    private async Task<JsonObject> ReadyGrant(string ns, string name, int redemptions = 1, string window = "15m")
    {
        _server.PutSkupper("sites", ns, Objects.Site("site-" + ns, linkAccess: "default"));
        _server.PutSkupper("accessgrants", ns, Objects.Grant(name, redemptions, window));
        return await _server.WaitForStatusAsync("accessgrants", ns, name);
    }

    [Fact]
    public async Task Site_with_link_access_gets_endpoints_and_ready_conditions()
    {
        var ns = Namespace("c-site-access");
        _server.PutSkupper("sites", ns, Objects.Site("s", linkAccess: "default"));
        var site = await _server.WaitForStatusAsync("sites", ns, "s");
        foreach (var c in new[] { "Configured", "Running", "Resolved", "Ready" }) Objects.Condition(site, c).ShouldBe("True", c);
        site["status"]!["message"].Str().ShouldBe("OK");
        site["status"]!["sitesInNetwork"]!.GetValue<long>().ShouldBe(1);
        var endpoints = site["status"]!["endpoints"]!.AsArray();
        endpoints.Select(e => e!["name"].Str()).ShouldBe(["inter-router", "edge"]);
        endpoints.ShouldAllBe(e => e!["host"].Str() == "127.0.0.1");
    }

    [Fact]
    public async Task Edge_site_and_site_without_link_access_get_no_endpoints_until_updated()
    {
        var ns = Namespace("c-site-edge");
        _server.PutSkupper("sites", ns, Objects.Site("edge", linkAccess: "default", edge: true));
        var edge = await _server.WaitForStatusAsync("sites", ns, "edge");
        edge["status"]!["endpoints"].ShouldBeNull();
        Objects.Condition(edge, "Resolved").ShouldBeNull();

        var ns2 = Namespace("c-site-later");
        _server.PutSkupper("sites", ns2, Objects.Site("later"));
        _server.PutSkupper("accessgrants", ns2, Objects.Grant("waiting"));
        var plain = await _server.WaitForStatusAsync("sites", ns2, "later");
        plain["status"]!["endpoints"].ShouldBeNull();
        var erroring = await _server.WaitForStatusAsync("accessgrants", ns2, "waiting", "Error");
        Objects.Condition(erroring, "Ready").ShouldBe("False");
        erroring["status"]!["message"].Str()!.ShouldContain("Link access is not enabled");

        // Turning link access on later: the site (generation 2) and then its grants are reconciled.
        _server.PutSkupper("sites", ns2, Objects.Site("later", linkAccess: "default"));
        await _server.WaitForAsync(G, V, "sites", ns2, "later", s => s["status"]?["endpoints"] is JsonArray { Count: 2 });
        var grant = await _server.WaitForStatusAsync("accessgrants", ns2, "waiting");
        Objects.Condition(grant, "Ready").ShouldBe("True");
    }

    [Fact]
    public async Task Grant_without_a_site_is_an_error()
    {
        var ns = Namespace("c-grant-nosite");
        _server.PutSkupper("accessgrants", ns, Objects.Grant("lonely"));
        var grant = await _server.WaitForStatusAsync("accessgrants", ns, "lonely", "Error");
        grant["status"]!["message"].Str().ShouldBe($"There is no site in namespace {ns}");
    }

    [Fact]
    public async Task Ready_grant_has_url_code_ca_expiration_and_redemptions()
    {
        var ns = Namespace("c-grant-ready");
        var before = DateTime.UtcNow;
        var grant = await ReadyGrant(ns, "g", window: "1h");
        var status = grant["status"]!;
        status["url"].Str().ShouldBe($"{_server.Url}/grants/{ns}/g");
        status["code"].Str()!.Length.ShouldBeGreaterThanOrEqualTo(24);
        status["ca"].Str().ShouldBe(_server.CaPem);
        status["redemptions"]!.GetValue<long>().ShouldBe(0);
        var expires = DateTime.Parse(status["expirationTime"].Str()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        (expires - before).TotalMinutes.ShouldBeInRange(59, 61);
        foreach (var c in new[] { "Processed", "Resolved", "Ready" }) Objects.Condition(grant, c).ShouldBe("True", c);
    }

    [Fact]
    public async Task Token_is_redeemed_into_a_ready_link_with_a_secret_and_counts_against_the_grant()
    {
        var grantNs = Namespace("c-redeem-west");
        var tokenNs = Namespace("c-redeem-east");
        var grant = await ReadyGrant(grantNs, "g", redemptions: 2);
        // Skupper redeems a token only for a site in its namespace (controller.go, checkAccessToken).
        _server.PutSkupper("sites", tokenNs, Objects.Site("east"));
        using var client = Clients.Kubernetes(_server);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(
            Objects.Token("t1", grant["status"]!["url"].Str()!, grant["status"]!["code"].Str()!, _server.CaPem), G, V, tokenNs, "accesstokens");

        var token = await _server.WaitForStatusAsync("accesstokens", tokenNs, "t1");
        token["status"]!["redeemed"]!.GetValue<bool>().ShouldBeTrue();
        Objects.Condition(token, "Redeemed").ShouldBe("True");
        var link = await _server.WaitForStatusAsync("links", tokenNs, "t1");
        Objects.Condition(link, "Ready").ShouldBe("True");
        link["status"]!["remoteSiteName"].Str().ShouldBe("site-" + grantNs);
        link["spec"]!["tlsCredentials"].Str().ShouldBe("t1");
        link["spec"]!["endpoints"]!.AsArray().Count.ShouldBe(2);
        _server.Get("", "v1", "secrets", tokenNs, "t1").ShouldNotBeNull();
        _server.GetSkupper("accessgrants", grantNs, "g")!["status"]!["redemptions"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task Redemption_fails_on_wrong_code_exhausted_grant_expiry_and_unknown_grant()
    {
        var ns = Namespace("c-redeem-fail");
        var grant = await ReadyGrant(ns, "once", redemptions: 1);
        var url = grant["status"]!["url"].Str()!;
        var code = grant["status"]!["code"].Str()!;

        _server.PutSkupper("accesstokens", ns, Objects.Token("wrong-code", url, "nope", _server.CaPem));
        var wrong = await _server.WaitForStatusAsync("accesstokens", ns, "wrong-code", "Error");
        wrong["status"]!["message"].Str()!.ShouldBe("Controller got failed response: 403 (Forbidden) Redemption of access token refused");
        Objects.Condition(wrong, "Redeemed").ShouldBe("False");

        _server.PutSkupper("accesstokens", ns, Objects.Token("first", url, code, _server.CaPem));
        await _server.WaitForStatusAsync("accesstokens", ns, "first");
        _server.PutSkupper("accesstokens", ns, Objects.Token("second", url, code, _server.CaPem));
        (await _server.WaitForStatusAsync("accesstokens", ns, "second", "Error"))["status"]!["message"].Str()!.ShouldBe("Controller got failed response: 404 (Not Found) No such access granted");

        var expiring = await ReadyGrant(ns, "expiring", redemptions: 5);
        var status = (JsonObject)expiring["status"]!.DeepClone();
        status["expirationTime"] = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        expiring["status"] = status;
        _server.PutSkupper("accessgrants", ns, expiring);
        _server.PutSkupper("accesstokens", ns, Objects.Token("late", status["url"].Str()!, status["code"].Str()!, _server.CaPem));
        (await _server.WaitForStatusAsync("accesstokens", ns, "late", "Error"))["status"]!["message"].Str().ShouldBe("Controller got failed response: 404 (Not Found) No such claim");

        _server.PutSkupper("accesstokens", ns, Objects.Token("unknown", $"{_server.Url}/grants/{ns}/missing", code, _server.CaPem));
        (await _server.WaitForStatusAsync("accesstokens", ns, "unknown", "Error"))["status"]!["message"].Str()!.ShouldBe("Controller got failed response: 404 (Not Found) No such claim");
    }

    [Fact]
    public async Task Controller_writes_go_through_the_store_so_watchers_see_them()
    {
        var ns = Namespace("c-watch");
        using var sub = _server.Store.Subscribe(_server.Catalog.Sites, ns, _server.Store.ResourceVersion);
        _server.PutSkupper("sites", ns, Objects.Site("w"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var types = new List<string>();
        await foreach (var e in sub.Events.ReadAllAsync(cts.Token))
        {
            types.Add(e.Type);
            if (e.Object["status"]?["status"].Str() == "Ready") break;
        }
        types.ShouldBe(["ADDED", "MODIFIED"]);
    }
}

/// <summary>Controller off: nothing but the test writes status.</summary>
public sealed class ControllerOffTests : IClassFixture<ControllerOffTests.Fixture>
{
    public sealed class Fixture : SandboxFixture
    {
        protected override SandboxOptions CreateOptions() => new() { ControllerEnabled = false, SiteDelay = TimeSpan.Zero, GrantDelay = TimeSpan.Zero };
    }

    private readonly SandboxServer _server;

    public ControllerOffTests(Fixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task No_status_is_written_until_the_controller_is_turned_on()
    {
        _server.PutSkupper("sites", "west", Objects.Site("quiet", linkAccess: "default"));
        // About a write that must NOT happen: with SiteDelay 0 an enabled controller writes within milliseconds.
        await Task.Delay(300);
        _server.GetSkupper("sites", "west", "quiet")!["status"].ShouldBeNull();
        _server.Controller.Enabled = true;
        try { await _server.WaitForStatusAsync("sites", "west", "quiet"); }
        finally { _server.Controller.Enabled = false; }
    }
}
