using System.Text;

namespace Skupper.Sandbox.Tests;

/// <summary>
/// The grant server as Skupper's answers (internal/kube/grants/grants.go) and the controller's retries and refusals
/// (internal/kube/grants/redeem.go). The tests of this class run one after another: they own the fault switches.
/// </summary>
public sealed class GrantServerTests(RetryingSandbox fixture) : IClassFixture<RetryingSandbox>
{
    private const string G = Objects.G, V = Objects.V;
    private readonly SandboxServer _server = fixture.Server;

    private async Task<(string Ns, string Url, string Code)> ReadyGrantAsync(string prefix, int redemptions = 1)
    {
        var ns = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        _server.Store.Create(_server.Catalog.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        _server.PutSkupper("sites", ns, Objects.Site("site-" + ns, linkAccess: "default"));
        _server.PutSkupper("accessgrants", ns, Objects.Grant("g", redemptions, "15m"));
        var grant = await _server.WaitForStatusAsync("accessgrants", ns, "g");
        return (ns, grant["status"]!["url"].Str()!, grant["status"]!["code"].Str()!);
    }

    private HttpClient Https()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(_server.CaPem);
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return chain.Build(cert!);
            },
        };
        return new HttpClient(handler);
    }

    private static async Task<(int Code, string Body)> PostAsync(HttpClient http, string url, string code, string? name = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(code, Encoding.UTF8) };
        if (name != null) request.Headers.Add("name", name);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Answers_a_redemption_over_https_as_skuppers_grant_server_does()
    {
        var (ns, url, code) = await ReadyGrantAsync("gs-http");
        url.ShouldStartWith("https://");
        using var http = Https();

        (await PostAsync(http, url, "wrong")).ShouldBe((403, "Redemption of access token refused\n"));
        (await PostAsync(http, url[..url.LastIndexOf('/')] + "/missing", code)).ShouldBe((404, "No such claim\n"));
        var (status, body) = await PostAsync(http, url, code, name: "my-link");
        status.ShouldBe(200, body);
        body.ShouldStartWith("---\napiVersion: v1\ndata:\n  ca.crt: ");
        body.ShouldContain("kind: Secret\nmetadata:\n  creationTimestamp: null\n  name: my-link\ntype: kubernetes.io/tls\n---\napiVersion: skupper.io/v2alpha1\nkind: Link\n");
        body.ShouldContain("  tlsCredentials: my-link\nstatus: {}\n");
        (await PostAsync(http, url, code)).ShouldBe((404, "No such access granted\n"));
        _server.GetSkupper("accessgrants", ns, "g")!["status"]!["redemptions"]!.GetValue<long>().ShouldBe(1);
        using var get = await http.GetAsync(url);
        ((int)get.StatusCode).ShouldBe(405);
    }

    [Fact]
    public async Task A_deleted_grant_is_no_claim_as_skuppers_grant_server_forgets_it()
    {
        // internal/kube/grants/grants.go: checkGrant(key, nil) calls remove(key); checkAndUpdateAccessToken then finds nothing.
        var (ns, url, code) = await ReadyGrantAsync("gs-deleted", redemptions: 2);
        using var http = Https();
        (await PostAsync(http, url, "wrong")).ShouldBe((403, "Redemption of access token refused\n"));
        _server.Store.Delete(_server.Catalog.AccessGrants!, ns, "g");
        (await PostAsync(http, url, code)).ShouldBe((404, "No such claim\n"));
    }

    [Theory]
    [InlineData(GrantFailure.ConnectionRefused, "Controller got error: Post \"{url}\": dial tcp {authority}: connect: connection refused")]
    [InlineData(GrantFailure.Unavailable, "Controller got failed response: 503 (Service Unavailable) Internal error")]
    public async Task A_failed_redemption_is_retried_on_resync_until_it_passes(GrantFailure failure, string message)
    {
        var (ns, url, code) = await ReadyGrantAsync("gs-retry");
        message = message.Replace("{url}", url).Replace("{authority}", new Uri(url).Authority);
        using var watch = _server.Store.Subscribe(_server.Catalog.AccessTokens, ns, _server.Store.ResourceVersion);
        _server.Controller.RedemptionFailure = failure;
        _server.Controller.FailRedemptions = 2;
        try
        {
            _server.PutSkupper("accesstokens", ns, Objects.Token("t", url, code, _server.CaPem));
            await _server.WaitForStatusAsync("accesstokens", ns, "t", "Ready");
        }
        finally
        {
            _server.Controller.FailRedemptions = 0;
        }
        var messages = new List<string?>();
        while (watch.Events.TryRead(out var e)) messages.Add(e.Object["status"]?["message"].Str());
        messages.ShouldContain(message);
        messages.Last().ShouldBe("OK");
        _server.GetSkupper("links", ns, "t").ShouldNotBeNull();
    }

    [Fact]
    public async Task Tokens_the_controller_cannot_use_are_refused_in_its_words()
    {
        var (ns, url, code) = await ReadyGrantAsync("gs-refuse");
        _server.PutSkupper("accesstokens", ns, Objects.Token("plain", url.Replace("https://", "http://"), code, _server.CaPem));
        _server.PutSkupper("accesstokens", ns, Objects.Token("no-ca", url, code, ""));
        (await _server.WaitForStatusAsync("accesstokens", ns, "plain", "Error"))["status"]!["message"].Str().ShouldBe("token url scheme must be https");
        (await _server.WaitForStatusAsync("accesstokens", ns, "no-ca", "Error"))["status"]!["message"].Str().ShouldBe("token does not have a CA");
        _server.GetSkupper("accessgrants", ns, "g")!["status"]!["redemptions"]!.GetValue<long>().ShouldBe(0);
    }
}
