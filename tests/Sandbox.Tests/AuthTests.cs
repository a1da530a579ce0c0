using System.Text;
using Skupper.Cli.TestSupport;

namespace Skupper.Sandbox.Tests;

/// <summary>Who the sandbox says a request is, for every way the real kubectl authenticates, and impersonation.</summary>
public sealed class AuthTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string SitesPath = "/apis/skupper.io/v2alpha1/namespaces/west/sites";

    private readonly SandboxServer _server;
    private readonly Kubectl _kubectl;
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-auth-").FullName;
    private readonly List<Kubectl> _others = [];

    public AuthTests(SandboxFixture fixture)
    {
        _server = fixture.Server;
        _kubectl = new Kubectl(_server);
    }

    public void Dispose()
    {
        _server.Rbac.Clear();
        _kubectl.Dispose();
        _others.ForEach(k => k.Dispose());
        Directory.Delete(_dir, true);
    }

    /// <summary>kubectl with a kubeconfig of one cluster (the sandbox, or <paramref name="server"/>), one user
    /// (<paramref name="user"/>: YAML lines under <c>user:</c>, indented 4) and one context in namespace west.</summary>
    private Kubectl With(string user, string? proxyUrl = null, SandboxServer? server = null)
    {
        server ??= _server;
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(server.CaPem));
        var proxy = proxyUrl == null ? "" : $"    proxy-url: {proxyUrl}\n";
        var path = Path.Combine(_dir, $"kubeconfig-{_others.Count}");
        File.WriteAllText(path,
            $"apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: {server.Url}\n    certificate-authority-data: {ca}\n{proxy}" +
            $"users:\n- name: u\n  user:\n{user.TrimEnd('\n')}\n" +
            "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: west\ncurrent-context: c\n");
        var kubectl = new Kubectl(server, path);
        _others.Add(kubectl);
        return kubectl;
    }

    // Case-sensitive, and shows all of kubectl's output when it fails.
    private static void ShouldSay(KubectlResult result, string text) =>
        result.Stderr.Contains(text, StringComparison.Ordinal).ShouldBeTrue($"expected stderr to contain: {text}\n{result}");

    // What kubectl 1.32 prints for a 401: its discovery reads the raw body, so client-go's generic 401 text shows.
    private const string Unauthorized = "error: You must be logged in to the server (the server has asked for the client to provide credentials)";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The one request for west's sites made since the log was cleared.</summary>
    private RequestLogEntry SitesRequest() =>
        _server.Requests.Entries.Where(e => e.Path == SitesPath).ShouldHaveSingleItem();

    [Fact]
    public async Task The_sandbox_token_is_sandbox_user_and_the_log_keeps_the_user_agent()
    {
        _server.Requests.Clear();
        await _kubectl.OkAsync("get", "sites", "-n", "west");
        var entry = SitesRequest();
        entry.User.ShouldBe("sandbox-user");
        entry.Groups.ShouldBe(["system:authenticated"]);
        entry.ImpersonatedBy.ShouldBeNull();
        entry.UserAgent.ShouldNotBeNull().ShouldStartWith("kubectl/v1.");
    }

    [Fact]
    public async Task The_cert_context_authenticates_by_client_certificate_as_cert_user()
    {
        _server.Requests.Clear();
        (await _kubectl.OkAsync("--context", "west-cert", "config", "view", "--minify", "-o", "jsonpath={.users[0].name}")).ShouldBe("sandbox-cert");
        await _kubectl.OkAsync("--context", "west-cert", "get", "sites");
        var entry = SitesRequest();
        entry.User.ShouldBe("cert-user");
        entry.Groups.ShouldBe(["system:masters", "system:authenticated"]);
        entry.ImpersonatedBy.ShouldBeNull();
    }

    [Fact]
    public async Task A_denial_for_one_user_names_that_user_and_spares_the_others()
    {
        _server.Rbac.Deny("list", "sites", "west", user: "cert-user");
        var denied = await _kubectl.RunAsync("--context", "west-cert", "get", "sites");
        denied.ExitCode.ShouldBe(1, denied.ToString());
        ShouldSay(denied, "Error from server (Forbidden): sites.skupper.io is forbidden: User \"cert-user\" cannot list resource \"sites\" in API group \"skupper.io\" in the namespace \"west\"");
        await _kubectl.OkAsync("get", "sites", "-n", "west");
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_401_alone_and_ignored_next_to_a_good_token()
    {
        await using var stranger = await SandboxServer.StartAsync(new SandboxOptions { Namespaces = ["x"], ControllerEnabled = false });
        var (cert, key) = stranger.IssueClientCertificate("intruder", "system:masters");
        var certLines = $"    client-certificate-data: {Base64(cert)}\n    client-key-data: {Base64(key)}\n";

        var alone = await With(certLines).RunAsync("get", "sites");
        alone.ExitCode.ShouldBe(1, alone.ToString());
        ShouldSay(alone, Unauthorized);

        _server.Requests.Clear();
        await With(certLines + $"    token: {_server.Token}\n").OkAsync("get", "sites");
        SitesRequest().User.ShouldBe("sandbox-user");
    }

    [Fact]
    public async Task An_expired_client_certificate_is_401()
    {
        var (cert, key) = _server.IssueClientCertificate(TimeSpan.FromMinutes(-30), "late-user");
        var r = await With($"    client-certificate-data: {Base64(cert)}\n    client-key-data: {Base64(key)}\n").RunAsync("get", "sites");
        r.ExitCode.ShouldBe(1, r.ToString());
        ShouldSay(r, Unauthorized);

        var (fresh, freshKey) = _server.IssueClientCertificate("late-user", "team-late");
        _server.Requests.Clear();
        await With($"    client-certificate-data: {Base64(fresh)}\n    client-key-data: {Base64(freshKey)}\n").OkAsync("get", "sites");
        SitesRequest().Groups.ShouldBe(["team-late", "system:authenticated"]);
    }

    [Fact]
    public async Task A_token_file_token_added_to_the_sandbox_authenticates_as_its_user()
    {
        _server.AddToken("file-token-4711", "file-user", "team-a", "team-b");
        var tokenFile = WriteFile("token", "file-token-4711\n");
        _server.Requests.Clear();
        await With($"    tokenFile: {tokenFile}\n").OkAsync("get", "sites");
        var entry = SitesRequest();
        entry.User.ShouldBe("file-user");
        entry.Groups.ShouldBe(["team-a", "team-b", "system:authenticated"]);

        WriteFile("unknown-token", "never-added\n");
        var unknown = await With($"    tokenFile: {Path.Combine(_dir, "unknown-token")}\n").RunAsync("get", "sites");
        unknown.ExitCode.ShouldBe(1, unknown.ToString());
        ShouldSay(unknown, Unauthorized);
    }

    [Fact]
    public async Task Basic_credentials_from_the_kubeconfig_authenticate_through_the_front_proxy_model()
    {
        _server.AddBasicUser("basic-user", "s3cret pass", "ops");
        _server.Requests.Clear();
        await With("    username: basic-user\n    password: s3cret pass\n").OkAsync("get", "sites");
        var entry = SitesRequest();
        entry.User.ShouldBe("basic-user");
        entry.Groups.ShouldBe(["ops", "system:authenticated"]);

        var wrong = await With("    username: basic-user\n    password: guess\n").RunAsync("get", "sites");
        wrong.ExitCode.ShouldBe(1, wrong.ToString());
        ShouldSay(wrong, Unauthorized);
    }

    [Fact]
    public async Task Kubectl_as_and_as_group_act_as_the_impersonated_user_and_log_the_requester()
    {
        _server.Requests.Clear();
        await _kubectl.OkAsync("--as", "other", "--as-group", "g", "get", "sites", "-n", "west");
        var entry = SitesRequest();
        entry.User.ShouldBe("other");
        entry.Groups.ShouldBe(["g", "system:authenticated"]);
        entry.ImpersonatedBy.ShouldBe("sandbox-user");

        // RBAC is evaluated for the impersonated identity.
        _server.Rbac.Deny("list", "sites", "west", user: "other");
        var denied = await _kubectl.RunAsync("--as", "other", "get", "sites", "-n", "west");
        denied.ExitCode.ShouldBe(1, denied.ToString());
        ShouldSay(denied, "Error from server (Forbidden): sites.skupper.io is forbidden: User \"other\" cannot list resource \"sites\" in API group \"skupper.io\" in the namespace \"west\"");
    }

    [Fact]
    public async Task Impersonating_a_service_account_gives_its_fixed_groups()
    {
        _server.Requests.Clear();
        await _kubectl.OkAsync("--as", "system:serviceaccount:west:bot", "get", "sites", "-n", "west");
        var entry = SitesRequest();
        entry.User.ShouldBe("system:serviceaccount:west:bot");
        entry.Groups.ShouldBe(["system:serviceaccounts", "system:serviceaccounts:west", "system:authenticated"]);
    }

    [Fact]
    public async Task Denied_impersonation_is_403_with_the_api_server_wording()
    {
        // Discovery is denied as well, and kubectl reads discovery errors raw ("Error from server (Forbidden): unknown"),
        // so the resource request's message shows only with discovery cached, as it is on a real cluster.
        await _kubectl.OkAsync("get", "sites", "-n", "west");
        _server.Rbac.DenyImpersonation("sandbox-user");
        var r = await _kubectl.RunAsync("--as", "other", "get", "sites", "-n", "west");
        r.ExitCode.ShouldBe(1, r.ToString());
        ShouldSay(r, "Error from server (Forbidden): users \"other\" is forbidden: User \"sandbox-user\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
        // Only sandbox-user lost the verb: the certificate user still impersonates.
        await _kubectl.OkAsync("--context", "west-cert", "--as", "other", "get", "sites");

        _server.Rbac.Clear();
        _server.Rbac.Deny("impersonate", "groups", user: "sandbox-user");
        var group = await _kubectl.RunAsync("--as", "other", "--as-group", "g", "get", "sites", "-n", "west");
        group.ExitCode.ShouldBe(1, group.ToString());
        ShouldSay(group, "Error from server (Forbidden): groups \"g\" is forbidden: User \"sandbox-user\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task User_extra_keys_from_the_kubeconfig_arrive_percent_decoded()
    {
        // client-go percent-encodes the key into the header name; the API server decodes it (unescapeExtraKey).
        var kubectl = With($"    token: {_server.Token}\n    as: other\n    as-user-extra:\n      acme.com/project:\n      - p1\n");
        await kubectl.OkAsync("get", "sites"); // allowed, and discovery cached (see above)
        _server.Rbac.Deny("impersonate", "userextras/acme.com/project", user: "sandbox-user");
        var r = await kubectl.RunAsync("get", "sites");
        r.ExitCode.ShouldBe(1, r.ToString());
        ShouldSay(r, "Error from server (Forbidden): userextras.authentication.k8s.io \"p1\" is forbidden: User \"sandbox-user\" cannot impersonate resource \"userextras/acme.com/project\" in API group \"authentication.k8s.io\" at the cluster scope");
    }

    [Fact]
    public async Task Groups_extras_or_uid_without_a_user_are_400_with_the_api_server_wording()
    {
        using var http = Clients.Http(_server);
        using var group = new HttpRequestMessage(HttpMethod.Get, SitesPath);
        group.Headers.Add("Impersonate-Group", "g");
        var (code, body) = await SendAsync(http, group);
        code.ShouldBe(400);
        body["reason"].Str().ShouldBe("BadRequest");
        body["message"].Str().ShouldBe("requested [{Group  g    }] without impersonating a user");

        using var uid = new HttpRequestMessage(HttpMethod.Get, SitesPath);
        uid.Headers.Add("Impersonate-Uid", "1234");
        (code, body) = await SendAsync(http, uid);
        code.ShouldBe(400);
        body["message"].Str().ShouldBe("requested [{UID  1234  authentication.k8s.io/v1  }] without impersonating a user");

        using var uidAllowed = new HttpRequestMessage(HttpMethod.Get, SitesPath);
        uidAllowed.Headers.Add("Impersonate-User", "other");
        uidAllowed.Headers.Add("Impersonate-Uid", "1234");
        (code, _) = await SendAsync(http, uidAllowed);
        code.ShouldBe(200);
    }

    private static async Task<(int, JsonObject)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task A_server_certificate_for_another_name_is_refused_unless_kubectl_is_told_that_name()
    {
        await using var named = await SandboxServer.StartAsync(new SandboxOptions { Namespaces = ["west"], ServerNames = ["proxy.test"], ControllerEnabled = false });
        using var kubectl = new Kubectl(named);
        var refused = await kubectl.RunAsync("get", "sites");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        // Go's crypto/x509 HostnameError: an IP host is checked against IP SANs only.
        ShouldSay(refused, "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs");
        var byName = await kubectl.RunAsync("--server", $"https://localhost:{named.Port}", "get", "sites");
        byName.ExitCode.ShouldBe(1, byName.ToString());
        ShouldSay(byName, "x509: certificate is valid for proxy.test, not localhost");

        (await kubectl.OkAsync("--tls-server-name", "proxy.test", "get", "namespaces", "-o", "name")).ShouldContain("namespace/west");
    }

    [Fact]
    public async Task Proxy_url_in_the_kubeconfig_takes_every_connection_through_the_proxy()
    {
        var target = $"127.0.0.1:{_server.Port}";
        await using (var proxy = new ConnectProxy())
        {
            var kubectl = With($"    token: {_server.Token}\n", proxyUrl: proxy.Url);
            // Cold: kubectl discovers in parallel and opens a few connections (3 measured), all through the proxy.
            await kubectl.OkAsync("get", "sites");
            proxy.Tunnels.ShouldNotBeEmpty();
            proxy.Tunnels.ShouldAllBe(t => t == target);
            // Warm discovery cache: one request, one tunnel.
            var before = proxy.Tunnels.Count;
            _server.Requests.Clear();
            await kubectl.OkAsync("get", "sites");
            SitesRequest().User.ShouldBe("sandbox-user");
            proxy.Tunnels.Count.ShouldBe(before + 1);
        }

        // With the proxy gone kubectl cannot connect at all: it never went around it.
        var proxyless = await With($"    token: {_server.Token}\n", proxyUrl: "http://127.0.0.1:1").RunAsync("get", "sites", "--request-timeout=10s");
        proxyless.ExitCode.ShouldBe(1, proxyless.ToString());
        ShouldSay(proxyless, "proxyconnect tcp: dial tcp 127.0.0.1:1: connect: connection refused");
    }

    [Fact]
    public async Task Proxy_credentials_in_the_proxy_url_are_sent_and_wrong_ones_refused()
    {
        await using var proxy = new ConnectProxy("pu", "pp");
        await With($"    token: {_server.Token}\n", proxyUrl: $"http://pu:pp@127.0.0.1:{proxy.Port}").OkAsync("get", "sites");
        var tunnels = proxy.Tunnels.Count;
        tunnels.ShouldBeGreaterThan(0);

        var wrong = await With($"    token: {_server.Token}\n", proxyUrl: $"http://pu:nope@127.0.0.1:{proxy.Port}").RunAsync("get", "sites", "--request-timeout=10s");
        wrong.ExitCode.ShouldBe(1, wrong.ToString());
        ShouldSay(wrong, "Proxy Authentication Required");
        proxy.Tunnels.Count.ShouldBe(tunnels);
        proxy.Refused.ShouldContain($"407 CONNECT 127.0.0.1:{_server.Port} HTTP/1.1");
    }

    private string ExecUser(ExecPlugin plugin, string apiVersion = "client.authentication.k8s.io/v1", string args = "") =>
        $"    exec:\n      apiVersion: {apiVersion}\n      command: {plugin.Path}\n{args}      env:\n      - name: PLUGIN_MODE\n        value: test\n" +
        "      interactiveMode: Never\n";

    [Fact]
    public async Task An_exec_plugin_token_authenticates_and_the_plugin_sees_its_arguments_and_exec_info()
    {
        var plugin = new ExecPlugin(Path.Combine(_dir, "plugin")).ReturnsToken("exec-token-1").RecordsEnvironment("PLUGIN_MODE", "NOT_GIVEN");
        _server.AddToken("exec-token-1", "exec-user", "devs");
        _server.Requests.Clear();
        await With(ExecUser(plugin, args: "      args:\n      - --audience\n      - sandbox cluster\n")).OkAsync("get", "sites");
        SitesRequest().User.ShouldBe("exec-user");

        // kubectl get ran the plugin once for the whole command (discovery included).
        var run = plugin.Invocations.ShouldHaveSingleItem();
        run.Arguments.ShouldBe(["--audience", "sandbox cluster"]);
        run.ExecInfo.ShouldBe("""{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}""");
        run.Environment["PLUGIN_MODE"].ShouldBe("test");
        run.Environment["NOT_GIVEN"].ShouldBeNull();
    }

    [Fact]
    public async Task An_exec_plugin_echoes_the_v1beta1_api_version_kubectl_asks_for()
    {
        var plugin = new ExecPlugin(Path.Combine(_dir, "beta")).ReturnsToken("exec-token-beta");
        _server.AddToken("exec-token-beta", "beta-user");
        _server.Requests.Clear();
        await With(ExecUser(plugin, "client.authentication.k8s.io/v1beta1")).OkAsync("get", "sites");
        SitesRequest().User.ShouldBe("beta-user");
        plugin.Invocations.ShouldHaveSingleItem().ExecInfo.ShouldNotBeNull().ShouldContain("\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"");
    }

    [Fact]
    public async Task An_exec_plugin_client_certificate_authenticates_as_its_common_name()
    {
        var (cert, key) = _server.IssueClientCertificate("exec-cert-user", "plugin-group");
        var plugin = new ExecPlugin(Path.Combine(_dir, "certs")).ReturnsCertificate(cert, key);
        _server.Requests.Clear();
        await With(ExecUser(plugin)).OkAsync("get", "sites");
        var entry = SitesRequest();
        entry.User.ShouldBe("exec-cert-user");
        entry.Groups.ShouldBe(["plugin-group", "system:authenticated"]);
    }

    [Fact]
    public async Task A_failing_exec_plugin_fails_kubectl_with_its_stderr()
    {
        var plugin = new ExecPlugin(Path.Combine(_dir, "failing")).Fails(3, "token service unreachable");
        var r = await With(ExecUser(plugin)).RunAsync("get", "sites");
        r.ExitCode.ShouldBe(1, r.ToString());
        ShouldSay(r, "token service unreachable");
        ShouldSay(r, $"Unable to connect to the server: getting credentials: exec: executable {plugin.Path} failed with exit code 3");
        plugin.InvocationCount.ShouldBeGreaterThan(0);
    }
}
