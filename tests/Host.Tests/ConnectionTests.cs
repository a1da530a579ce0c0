using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// Cluster access as kubectl does it: every kind of kubeconfig and flag is tried through the real
/// kubectl (<c>kubectl get sites</c>) and through <c>kubectl skupper site status</c> (run by kubectl's
/// plugin dispatch), against the same sandbox: same identity in the server's request log, same
/// outcome, and one-line errors where kubectl fails too.
/// </summary>
public sealed partial class ConnectionTests : IAsyncLifetime, IDisposable
{
    private readonly TestHome _home = new();
    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _home.Dispose();

    private static async Task<SandboxServer> StartAsync(SandboxOptions options)
    {
        var server = await SandboxServer.StartAsync(options.WithDelay(TimeSpan.Zero));
        server.PutSkupper("sites", "west", new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = "west" }, ["spec"] = new JsonObject { ["linkAccess"] = "default" },
        });
        await server.WaitForStatusAsync("sites", "west", "west");
        return server;
    }

    private string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    /// <summary>A kubeconfig with one context "c" (namespace west) for the given cluster and user fields (YAML lines).</summary>
    private string Kubeconfig(string[] cluster, string[] user, SandboxServer? server = null, string name = "kubeconfig")
    {
        server ??= _server;
        var lines = new List<string> { "apiVersion: v1", "kind: Config", "current-context: c", "clusters:", "- name: k", "  cluster:", $"    server: {server.Url}" };
        lines.AddRange(cluster.Select(l => "    " + l));
        lines.AddRange(["users:", "- name: u", "  user:"]);
        lines.AddRange(user.Length == 0 ? ["    {}"] : user.Select(l => "    " + l));
        lines.AddRange(["contexts:", "- name: c", "  context: {cluster: k, user: u, namespace: west}"]);
        var path = Path.Combine(_home.Root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string[] Ca(SandboxServer? server = null) => [$"certificate-authority-data: {B64((server ?? _server).CaPem)}"];
    private string[] Token() => [$"token: {_server.Token}"];

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.Kubectl(_home, ["skupper", "site", "status", .. args]);
    private Task<RunResult> Kubectl(params string[] args) => ProcessRunner.Kubectl(_home, ["get", "sites", .. args]);

    /// <summary>Who the server saw on the sites list, for the last request of that kind.</summary>
    private (string? User, string? ImpersonatedBy) LastSitesCaller(SandboxServer? server = null)
    {
        var e = (server ?? _server).Requests.Entries.Last(r => r.Path == "/apis/skupper.io/v2alpha1/namespaces/west/sites");
        return (e.User, e.ImpersonatedBy);
    }

    /// <summary>Runs kubectl and kubectl skupper with the same arguments; both must succeed as the same identity.</summary>
    private async Task<(string? User, string? ImpersonatedBy)> BothSucceedAs(string? expectedUser, params string[] args)
    {
        var k = await Kubectl(args);
        k.ExitCode.ShouldBe(0, k.ToString());
        var kubectlCaller = LastSitesCaller();
        var s = await Skupper(args);
        s.ExitCode.ShouldBe(0, s.ToString());
        s.Out.ShouldContain("west  Ready");
        var skupperCaller = LastSitesCaller();
        skupperCaller.ShouldBe(kubectlCaller);
        if (expectedUser is not null) skupperCaller.User.ShouldBe(expectedUser);
        return skupperCaller;
    }

    private static void OneLineError(RunResult r, string expected)
    {
        r.ExitCode.ShouldNotBe(0, r.ToString());
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, r.ToString());
        lines[0].ShouldStartWith("Error: ");
        lines[0].ShouldContain(expected, Case.Sensitive, r.ToString());
    }

    /// <summary>A command (site status by default) traced with strace: the files it opened, one path a line.</summary>
    private async Task<(RunResult Run, string[] Opened)> TracedSiteStatus(params string[] command)
    {
        var trace = Path.Combine(_home.Root, $"openat-{Guid.NewGuid():N}.txt");
        string[] args = command.Length > 0 ? command : ["site", "status"];
        var r = await ProcessRunner.Run("strace", ["-f", "-qq", "-e", "trace=openat,open", "-o", trace, ProcessRunner.HostExe, .. args], _home);
        var opened = File.ReadAllLines(trace)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "open(?:at)?\\([^\"]*\"([^\"]*)\"").Groups[1].Value)
            .Where(p => p.Length > 0).ToArray();
        return (r, opened);
    }

    [Fact]
    public async Task System_trust_store_is_read_only_when_something_may_trust_it()
    {
        // Issue 29: the kubeconfig's CA replaces the system roots, so reading them (~290 files, 57 ms) is waste. The
        // "system" store here is the tests' own: OpenSSL's SSL_CERT_FILE, holding the sandbox CA, read by kubectl too.
        var roots = Path.Combine(_home.Root, "system-roots.pem");
        File.WriteAllText(roots, _server.CaPem);
        _home.Variables["SSL_CERT_FILE"] = roots;
        _home.Variables["SSL_CERT_DIR"] = Path.Combine(_home.Root, "no-cert-dir");

        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var (withCa, opened) = await TracedSiteStatus();
        withCa.ExitCode.ShouldBe(0, withCa.ToString());
        withCa.Out.ShouldContain("west  Ready");
        // The managed host may run third-party plugins, which may call any server: it leaves the roots readable.
        if (ProcessRunner.IsNative) opened.ShouldNotContain(roots);
        else opened.ShouldContain(roots);

        // No CA in the kubeconfig: the system roots are what trusts the server, as kubectl trusts them.
        _home.Variables["KUBECONFIG"] = Kubeconfig([], Token(), name: "kubeconfig-system-roots");
        var k = await Kubectl();
        k.ExitCode.ShouldBe(0, k.ToString());
        var (withoutCa, openedWithoutCa) = await TracedSiteStatus();
        withoutCa.ExitCode.ShouldBe(0, withoutCa.ToString());
        withoutCa.Out.ShouldContain("west  Ready");
        openedWithoutCa.ShouldContain(roots);

        // Installed hooks no longer keep the roots readable: a hook's https request reads them itself, when it is made.
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token(), name: "kubeconfig-with-hook");
        var hooks = Path.Combine(_home.ConfigHome, "skupper", "hooks");
        Directory.CreateDirectory(hooks);
        File.WriteAllText(Path.Combine(hooks, "notify.js"), "export function afterTokenIssue(ctx) {}\n");
        var (withHook, openedWithHook) = await TracedSiteStatus();
        withHook.ExitCode.ShouldBe(0, withHook.ToString());
        if (ProcessRunner.IsNative) openedWithHook.ShouldNotContain(roots);
    }

    [Fact]
    public async Task A_hooks_https_request_is_verified_against_the_system_roots_while_the_cluster_uses_its_CA()
    {
        // The cluster's connection skips the system roots (its CA is in the kubeconfig); a hook's http.* still verifies
        // its server against them, read when the hook makes the request. The sandbox stands in for a webhook server.
        var roots = Path.Combine(_home.Root, "system-roots.pem");
        File.WriteAllText(roots, _server.CaPem);
        _home.Variables["SSL_CERT_DIR"] = Path.Combine(_home.Root, "no-cert-dir");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        _home.Variables["PROBE_URL"] = $"https://127.0.0.1:{_server.Port}/version";
        var hooks = Path.Combine(_home.ConfigHome, "skupper", "hooks");
        Directory.CreateDirectory(hooks);
        File.WriteAllText(Path.Combine(hooks, "probe.js"), """
            export function beforeTokenIssue(ctx) {
              try { console.log(`answered ${http.getJson(env.PROBE_URL).status}`); }
              catch (e) { console.log(`refused: ${e.message}`); }
            }
            """);

        _home.Variables["SSL_CERT_FILE"] = roots;
        // A plain http call (the examples' webhooks) reads no roots; nothing listens on port 9 here, so it fails.
        _home.Variables["PROBE_URL"] = "http://127.0.0.1:9/hook";
        var (plain, openedByPlain) = await TracedSiteStatus("token", "issue", Path.Combine(_home.Root, "t0.yaml"));
        plain.ExitCode.ShouldBe(0, plain.ToString());
        plain.Err.ShouldContain("hook probe.js: refused: http GET http://127.0.0.1:9:");
        if (ProcessRunner.IsNative) openedByPlain.ShouldNotContain(roots);

        _home.Variables["PROBE_URL"] = $"https://127.0.0.1:{_server.Port}/version";
        var (trusted, opened) = await TracedSiteStatus("token", "issue", Path.Combine(_home.Root, "t1.yaml"));
        trusted.ExitCode.ShouldBe(0, trusted.ToString());
        trusted.Err.ShouldMatch(@"hook probe\.js: answered \d{3}\n");
        opened.ShouldContain(roots);

        // Roots that do not hold the server's CA: the request fails on the certificate, as kubectl's Go would refuse it.
        var otherRoots = Path.Combine(_home.Root, "other-roots.pem");
        await using (var other = await SandboxServer.StartAsync(new SandboxOptions())) File.WriteAllText(otherRoots, other.CaPem);
        _home.Variables["SSL_CERT_FILE"] = otherRoots;
        var refused = await ProcessRunner.KubectlSkupper(_home, "token", "issue", Path.Combine(_home.Root, "t2.yaml"));
        refused.ExitCode.ShouldBe(0, refused.ToString());
        refused.Err.ShouldContain("hook probe.js: refused: http GET https://127.0.0.1:");
        refused.Err.ShouldNotContain("answered");
    }

    [Fact]
    public async Task Server_certificate_for_another_name_is_refused_unless_tls_server_name_says_so()
    {
        await using var other = await StartAsync(new SandboxOptions { ServerNames = ["proxy.test"] });
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(other), [$"token: {other.Token}"], other);

        var k = await Kubectl();
        k.ExitCode.ShouldNotBe(0);
        k.Err.ShouldContain("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs");
        OneLineError(await Skupper(), "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs");
        // A host name that is not in the certificate: Go's other wording.
        (await Kubectl("-s", $"https://localhost:{other.Port}")).Err.ShouldContain("x509: certificate is valid for proxy.test, not localhost");
        OneLineError(await Skupper("-s", $"https://localhost:{other.Port}"), "x509: certificate is valid for proxy.test, not localhost");

        (await Kubectl("--tls-server-name", "proxy.test")).ExitCode.ShouldBe(0);
        var s = await Skupper("--tls-server-name", "proxy.test");
        s.ExitCode.ShouldBe(0, s.ToString());

        _home.Variables["KUBECONFIG"] = Kubeconfig([.. Ca(other), "tls-server-name: proxy.test"], [$"token: {other.Token}"], other);
        (await Kubectl()).ExitCode.ShouldBe(0);
        (await Skupper()).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_certificate_authority_that_did_not_sign_the_server_is_refused()
    {
        await using var other = await SandboxServer.StartAsync(new SandboxOptions());
        var wrongCa = Path.Combine(_home.Root, "other-ca.pem");
        File.WriteAllText(wrongCa, other.CaPem);
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        (await Kubectl("--certificate-authority", wrongCa)).ExitCode.ShouldNotBe(0);
        OneLineError(await Skupper("--certificate-authority", wrongCa), "x509: certificate signed by unknown authority");
    }

    [Fact]
    public async Task Client_certificate_user_from_the_sandbox_kubeconfig()
    {
        _home.Variables["KUBECONFIG"] = _server.KubeconfigPath;
        await BothSucceedAs(KubeconfigWriter.CertUser, "--context", "west-cert");
    }

    [Fact]
    public async Task Client_certificate_and_key_as_files_given_by_flags()
    {
        var (cert, key) = _server.IssueClientCertificate("file-user", "team");
        File.WriteAllText(Path.Combine(_home.Root, "c.pem"), cert);
        File.WriteAllText(Path.Combine(_home.Root, "k.pem"), key);
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), []);
        await BothSucceedAs("file-user", "--client-certificate", Path.Combine(_home.Root, "c.pem"), "--client-key", Path.Combine(_home.Root, "k.pem"));
    }

    [Fact]
    public async Task Token_file_relative_to_the_kubeconfig_and_token_flag()
    {
        _server.AddToken("file-token-1234", "token-file-user");
        File.WriteAllText(Path.Combine(_home.Root, "tok"), "file-token-1234\n");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), ["tokenFile: tok"]);
        await BothSucceedAs("token-file-user");

        // client-go reads a kubeconfig tokenFile on every request, so it beats --token (the flag is the fallback).
        _server.AddToken("flag-token-5678", "flag-user");
        await BothSucceedAs("token-file-user", "--token", "flag-token-5678");
        File.Delete(Path.Combine(_home.Root, "tok"));
        await BothSucceedAs("flag-user", "--token", "flag-token-5678");
    }

    [Fact]
    public async Task Username_and_password()
    {
        _server.AddBasicUser("alice", "s3cret", "devs");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), ["username: alice", "password: s3cret"]);
        await BothSucceedAs("alice");
    }

    [Fact]
    public async Task Impersonation_from_flags_and_from_the_kubeconfig()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        (await BothSucceedAs("other", "--as", "other", "--as-group", "g1", "--as-group", "g2")).ImpersonatedBy.ShouldBe("sandbox-user");

        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [.. Token(), "as: from-config", "as-groups: [g1]"]);
        (await BothSucceedAs("from-config")).ImpersonatedBy.ShouldBe("sandbox-user");

        _server.Rbac.DenyImpersonation("sandbox-user");
        (await Kubectl()).ExitCode.ShouldNotBe(0);
        OneLineError(await Skupper(), "cannot impersonate");
    }

    [Theory]
    [InlineData("--as", "evil\r\nX-Injected: 1", "impersonated user (--as) \"evil\\r\\nX-Injected: 1\"")]
    [InlineData("--as-group", "g\nImpersonate-Group: system:masters", "impersonated group (--as-group) \"g\\nImpersonate-Group: system:masters\"")]
    [InlineData("--as-uid", "u\u0001", "impersonated uid (--as-uid) \"u\\x01\"")]
    public async Task Impersonation_values_with_control_characters_are_refused_before_any_request(string flag, string value, string named)
    {
        // Issue 35, item 11: CR/LF in a header value would inject headers on the wire.
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var before = _server.Requests.Entries.Count;
        string[] args = flag == "--as" ? [flag, value] : ["--as", "other", flag, value];
        var r = await Skupper(args);
        OneLineError(r, $"{named} holds a control character");
        r.ExitCode.ShouldBe(2);
        _server.Requests.Entries.Count.ShouldBe(before);

        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [.. Token(), "as: \"from\\r\\nconfig\""], name: "kubeconfig-as");
        OneLineError(await Skupper(), "impersonated user (--as) \"from\\r\\nconfig\" holds a control character");
        _server.Requests.Entries.Count.ShouldBe(before);
    }

    private string Fifo(string name)
    {
        var path = Path.Combine(_home.Root, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0);
        return path;
    }

    [Fact]
    public async Task Kubeconfig_and_token_file_that_are_not_regular_files_are_refused_at_once()
    {
        // Issue 35, item 4: a FIFO blocked every command and TAB press (Ctrl-C ignored); /dev/zero grew to 1.3 GB.
        // The runs' own 30 s bound is the failure: none of them may wait for a writer or read forever.
        var bound = TimeSpan.FromSeconds(30);
        _home.Variables["KUBECONFIG"] = Fifo("kubeconfig-fifo");
        var r = await ProcessRunner.Kubectl(_home, ["skupper", "site", "status"]);
        OneLineError(r, $"kubeconfig file \"{_home.Variables["KUBECONFIG"]}\" is not valid: it is a FIFO (named pipe), not a regular file");
        r.ExitCode.ShouldBe(2);
        (await ProcessRunner.Run(ProcessRunner.HostExe, ["__complete", "site", "status", "--context", ""], _home, timeout: bound)).ExitCode.ShouldBe(0);

        foreach (var (tokenFile, problem) in new[] { (Fifo("token-fifo"), "it is a FIFO (named pipe), not a regular file"), ("/dev/zero", "it is a character device, not a regular file") })
        {
            _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [$"tokenFile: {tokenFile}"], name: "kubeconfig-token-file");
            r = await ProcessRunner.Run(ProcessRunner.HostExe, ["site", "status"], _home, timeout: bound);
            OneLineError(r, $"cannot read tokenFile \"{tokenFile}\": {problem}");
        }
    }

    [Fact]
    public async Task Kubeconfig_nesting_and_alias_bombs_are_refused_in_kubectl_words()
    {
        // Issue 35, item 5: 200k nested lists overflowed the stack (exit 134); an alias bomb in a cluster no context
        // uses took 1.4 GB. kubectl refuses both.
        var deep = Path.Combine(_home.Root, "kubeconfig-deep");
        File.WriteAllText(deep, "apiVersion: v1\nkind: Config\npreferences: " + new string('[', 200_000) + new string(']', 200_000) + "\n");
        _home.Variables["KUBECONFIG"] = deep;
        (await Kubectl()).ExitCode.ShouldNotBe(0);
        var r = await Skupper();
        OneLineError(r, "exceeded max depth of 10000");
        r.ExitCode.ShouldBe(2);

        var laughs = new List<string> { "    extensions:", "    - name: client.authentication.k8s.io/exec", "      extension:", "        a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
            laughs.Add($"        a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        var bomb = Path.Combine(_home.Root, "kubeconfig-bomb");
        var good = File.ReadAllLines(Kubeconfig(Ca(), Token(), name: "kubeconfig-good")).ToList();
        good.InsertRange(good.IndexOf("users:"), ["- name: unused", "  cluster:", "    server: https://unused.example:6443", .. laughs]);
        File.WriteAllLines(bomb, good);
        _home.Variables["KUBECONFIG"] = bomb;
        (await Kubectl()).ExitCode.ShouldNotBe(0);
        OneLineError(await Skupper(), "document contains excessive aliasing");
    }

    [Fact]
    public async Task Credentials_in_a_server_or_proxy_URL_are_never_printed()
    {
        // Issue 35, item 10: --server https://user:pw@..., an unparsable HTTPS_PROXY and a proxy-url that fails
        // validation put the password in errors and in every -v 6 line.
        const string secret = "s3cr3t-pw";
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var withUser = _server.Url.Replace("https://", $"https://ann:{secret}@");
        var r = await Skupper("--server", withUser, "-v", "6");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldContain($"GET {_server.Url}/apis/skupper.io/v2alpha1/namespaces/west/sites 200");
        (r.Out + r.Err).ShouldNotContain(secret);

        _home.Variables["HTTPS_PROXY"] = $"http://ann:{secret}@[not a url";
        r = await Skupper("--server", "https://cluster.example.test:6443");
        OneLineError(r, "the proxy \"http://***@[not a url\" in HTTPS_PROXY/HTTP_PROXY is not a URL");
        r.Err.ShouldNotContain(secret);
        _home.Variables.Remove("HTTPS_PROXY");

        _home.Variables["KUBECONFIG"] = Kubeconfig([.. Ca(), $"proxy-url: ftp://ann:{secret}@proxy.example.test"], Token(), name: "kubeconfig-proxy");
        r = await Skupper();
        OneLineError(r, "proxy-url \"ftp://***@proxy.example.test\" is not an http, https or socks5 URL");
        r.Err.ShouldNotContain(secret);

        _home.Variables["KUBECONFIG"] = Kubeconfig([.. Ca(), $"proxy-url: http://ann:{secret}@127.0.0.1:1"], Token(), name: "kubeconfig-proxy-down");
        r = await Skupper("-v", "6");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain("cannot reach the proxy http://127.0.0.1:1");
        r.Err.ShouldNotContain(secret);
    }

    [Fact]
    public async Task An_IPv6_literal_server_works()
    {
        // Issue 35, item 15: https://[::1]:PORT always failed (net_http_headers_invalid_host_header).
        await using var v6 = await StartAsync(new SandboxOptions { Ipv6 = true, ServerNames = ["::1"] });
        v6.Url.ShouldStartWith("https://[::1]:");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(v6), [$"token: {v6.Token}"], v6);
        (await Kubectl()).ExitCode.ShouldBe(0);
        var r = await Skupper();
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("west  Ready");
        v6.Requests.Entries.Count(e => e.Path == "/apis/skupper.io/v2alpha1/namespaces/west/sites").ShouldBe(2);
    }

    [Fact]
    public async Task Names_from_the_command_line_and_kubeconfig_reach_the_terminal_escaped()
    {
        // Issue 35, item 9: kubeconfig names in errors went out raw.
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var r = await Skupper("--context", "evil\u001b[2J\u001b]0;title\u0007");
        OneLineError(r, "context \"evil\\x1b[2J\\x1b]0;title\\x07\" does not exist");
        r.Err.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task Exec_plugin_runs_once_with_its_arguments_and_the_request_kind()
    {
        _server.AddToken("exec-token-42", "exec-user");
        var plugin = new ExecPlugin(_home.Root).ReturnsToken("exec-token-42");
        _home.Variables["KUBECONFIG"] = Kubeconfig([.. Ca(), "extensions:", "- name: client.authentication.k8s.io/exec", "  extension: {audience: west}"], [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1", $"  command: {plugin.Path}",
            "  args: [\"get token\", --flag]", "  interactiveMode: Never", "  provideClusterInfo: true",
            "  env: [{name: REGION, value: eu}]"]);

        var k = await Kubectl();
        k.ExitCode.ShouldBe(0, k.ToString());
        var kubectlRuns = plugin.InvocationCount;
        var s = await Skupper();
        s.ExitCode.ShouldBe(0, s.ToString());
        LastSitesCaller().User.ShouldBe("exec-user");

        var ours = plugin.Invocations.Skip(kubectlRuns).ToList();
        ours.Count.ShouldBe(1);
        ours[0].Arguments.ShouldBe(["get token", "--flag"]);
        using var info = JsonDocument.Parse(ours[0].ExecInfo!);
        info.RootElement.GetProperty("kind").GetString().ShouldBe("ExecCredential");
        info.RootElement.GetProperty("apiVersion").GetString().ShouldBe("client.authentication.k8s.io/v1");
        var cluster = info.RootElement.GetProperty("spec").GetProperty("cluster");
        cluster.GetProperty("server").GetString().ShouldBe(_server.Url);
        cluster.GetProperty("config").GetProperty("audience").GetString().ShouldBe("west");
        info.RootElement.GetProperty("spec").GetProperty("interactive").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Exec_plugin_missing_or_failing_is_one_line_with_the_install_hint()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1beta1", "  command: no-such-credential-helper",
            "  installHint: |", "    Install it with", "    apt-get install no-such-credential-helper"]);
        (await Kubectl()).ExitCode.ShouldNotBe(0);
        OneLineError(await Skupper(), "Install it with apt-get install no-such-credential-helper");

        var plugin = new ExecPlugin(_home.Root).Fails(3, "token service down");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1beta1", $"  command: {plugin.Path}"]);
        var r = await Skupper();
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldContain("token service down"); // the plugin's own stderr reaches the user
        r.Err.Split('\n').Count(l => l.StartsWith("Error: ")).ShouldBe(1);
        r.Err.ShouldContain("failed with exit code 3");
        r.Err.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Exec_plugin_named_bare_is_looked_up_on_PATH_never_in_the_current_directory()
    {
        // Issue 35, item 1: another user's program in the current directory (the tests run in _home.Root) must not run.
        _server.AddToken("planted-token", "intruder");
        _server.AddToken("path-token", "path-user");
        var planted = new ExecPlugin(_home.Root, "cred-helper").ReturnsToken("planted-token");
        var onPath = new ExecPlugin(Path.Combine(_home.Root, "bin"), "cred-helper").ReturnsToken("path-token");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1", "  command: cred-helper", "  interactiveMode: Never"]);
        var path = Environment.GetEnvironmentVariable("PATH");
        _home.Variables["PATH"] = $"{Path.GetDirectoryName(onPath.Path)}:.::{ProcessRunner.HostDir}:{path}";
        (await BothSucceedAs("path-user")).User.ShouldBe("path-user");
        planted.InvocationCount.ShouldBe(0);

        // Only in the current directory: not found, as kubectl says, and nothing run.
        _home.Variables["PATH"] = $"{ProcessRunner.HostDir}:{path}";
        (await Kubectl()).ExitCode.ShouldNotBe(0);
        OneLineError(await Skupper(), "exec plugin \"cred-helper\" of user \"u\" was not found or cannot run");
        planted.InvocationCount.ShouldBe(0);

        // Found first through a relative PATH entry: refused, not run, as Go's LookPath refuses it (exec.ErrDot).
        foreach (var relative in new[] { ".", "" })
        {
            _home.Variables["PATH"] = $"{relative}:{Path.GetDirectoryName(onPath.Path)}:{ProcessRunner.HostDir}:{path}";
            (await Kubectl()).ExitCode.ShouldNotBe(0);
            OneLineError(await Skupper(), $"was found through the relative PATH entry \"{relative}\" and is not run from the current directory");
        }
        planted.InvocationCount.ShouldBe(0);
        onPath.InvocationCount.ShouldBe(2);

        // Written as a path, it runs: "./cred-helper" is relative to the kubeconfig's folder, as kubectl resolves it.
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1", "  command: ./cred-helper", "  interactiveMode: Never"]);
        (await BothSucceedAs("intruder")).User.ShouldBe("intruder");
    }

    private static string Jwt(DateTimeOffset expires)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("{\"alg\":\"RS256\"}")}.{Part($"{{\"sub\":\"oidc-user\",\"exp\":{expires.ToUnixTimeSeconds()}}}")}.c2ln";
    }

    [Fact]
    public async Task Oidc_auth_provider_sends_its_id_token_and_an_expired_one_is_one_line()
    {
        var idToken = Jwt(DateTimeOffset.UtcNow.AddHours(1));
        _server.AddToken(idToken, "oidc-user");
        string[] User(string token) => [
            "auth-provider:", "  name: oidc", "  config:", "    idp-issuer-url: https://issuer.invalid", "    client-id: kubectl",
            $"    id-token: {token}"];
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), User(idToken));
        await BothSucceedAs("oidc-user");

        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), User(Jwt(DateTimeOffset.UtcNow.AddHours(-1))));
        OneLineError(await Skupper(), "the oidc id-token expired at");
    }

    [Fact]
    public async Task Proxy_url_from_the_kubeconfig()
    {
        await using var proxy = new ConnectProxy();
        _home.Variables["KUBECONFIG"] = Kubeconfig([.. Ca(), $"proxy-url: {proxy.Url}"], Token());
        await BothSucceedAs("sandbox-user");
        proxy.Tunnels.Count.ShouldBeGreaterThanOrEqualTo(2);
        proxy.Tunnels.ShouldAllBe(t => t == $"127.0.0.1:{_server.Port}");
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("on")]
    public async Task Yaml_1_1_booleans_as_kubectl_reads_them(string value)
    {
        await using var other = await StartAsync(new SandboxOptions { ServerNames = ["proxy.test"] });
        _home.Variables["KUBECONFIG"] = Kubeconfig([$"insecure-skip-tls-verify: {value}"], [$"token: {other.Token}"], other);
        (await Kubectl()).ExitCode.ShouldBe(0);
        var s = await Skupper();
        s.ExitCode.ShouldBe(0, s.ToString());
    }

    [Fact]
    public async Task Unreachable_server_and_request_timeout_are_one_line()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        OneLineError(await Skupper("-s", "https://127.0.0.1:1"), "cannot reach the cluster at https://127.0.0.1:1: connection refused");

        OneLineError(await Skupper("--request-timeout", "soon"), "invalid --request-timeout \"soon\"");
        // The error text proves the request gave up at its timeout: a server that answered (after 60 s) would have
        // been a success. The bound only says it failed fast, and is generous: under load (load average 20-30 on 2
        // cores) starting the CLI alone took over 3 s, and a 4.5 s bound against a 5 s latency failed.
        _server.Faults.Latency = TimeSpan.FromSeconds(60);
        var started = DateTime.UtcNow;
        OneLineError(await Skupper("--request-timeout", "1s"), "within --request-timeout");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task Reads_are_retried_on_server_errors_and_each_attempt_is_a_verbose_line(int code)
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        _server.Faults.ErrorCode = code;
        _server.Faults.FailNextRequests = 3;
        var s = await Skupper("-v=6");
        s.ExitCode.ShouldBe(0, s.ToString());
        s.Out.ShouldContain("west  Ready");
        System.Text.RegularExpressions.Regex.Matches(s.Err, $@"GET \S+/namespaces/west/sites {code} ").Count.ShouldBe(3, s.Err);

        _server.Faults.FailNextRequests = 100; // more than the retries: the error, once, in one line
        OneLineError(await Skupper(), $"{code}");
        _server.Faults.Reset();
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        _server.Faults.ErrorCode = 429;
        _server.Faults.FailNextRequests = 1;
        var started = DateTime.UtcNow;
        var s = await Skupper();
        s.ExitCode.ShouldBe(0, s.ToString());
        (DateTime.UtcNow - started).ShouldBeGreaterThan(TimeSpan.FromSeconds(1)); // Retry-After: 1
        _server.Faults.Reset();
    }

    [Fact]
    public async Task A_server_that_never_finishes_the_handshake_fails_after_ten_seconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var r = await Skupper("-s", $"https://127.0.0.1:{port}");
        OneLineError(r, $"TLS handshake with https://127.0.0.1:{port} did not complete within 10 s");
    }

    [Fact]
    public async Task Verbose_6_prints_one_line_per_request_as_kubectl_does()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var s = await Skupper("-v=6");
        s.ExitCode.ShouldBe(0, s.ToString());
        s.Err.ShouldMatch($@"(?m)^I\d{{4}} \d\d:\d\d:\d\d\.\d{{6}} +\d+ kubectl-skupper\] GET {Regex(_server.Url)}/apis/skupper\.io/v2alpha1/namespaces/west/sites 200 OK in \d+ milliseconds$");
        (await Skupper("--v", "5")).Err.ShouldBeEmpty();
    }

    [Fact]
    public async Task Short_flags_of_the_skupper_cli()
    {
        _home.Variables["KUBECONFIG"] = _server.KubeconfigPath;
        var s = await ProcessRunner.Kubectl(_home, "skupper", "site", "status", "-c", "west", "-p", "kubernetes");
        s.ExitCode.ShouldBe(0, s.ToString());
        s.Out.ShouldContain("west  Ready");
    }

    [Fact]
    public async Task A_plugins_IKubernetes_has_the_same_identity_and_tls_checks()
    {
        var plugins = Path.Combine(_home.Root, "plugins");
        PluginWorkspace.InstallFixture("dummy", plugins, "dummy");
        _home.Variables["SKUPPER_PLUGIN_PATH"] = plugins;
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var r = await ProcessRunner.Kubectl(_home, "skupper", "dummy", "sites", "--as", "third-party-user", "-v=6");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("1 sites\n");
        r.Err.ShouldContain("kubectl-skupper] GET " + _server.Url + "/apis/skupper.io/v2alpha1/namespaces/west/sites");
        LastSitesCaller().ShouldBe(("third-party-user", "sandbox-user"));

        await using var other = await StartAsync(new SandboxOptions { ServerNames = ["proxy.test"] });
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(other), [$"token: {other.Token}"], other);
        var refused = await ProcessRunner.Kubectl(_home, "skupper", "dummy", "sites");
        refused.ExitCode.ShouldNotBe(0);
        refused.Err.ShouldContain("x509: cannot validate certificate for 127.0.0.1");
        other.Requests.Entries.ShouldNotContain(e => e.Path.EndsWith("/sites"));
    }

    [Fact]
    public async Task Paths_with_control_characters_are_escaped_in_one_line()
    {
        var weird = Path.Combine(_home.Root, "evil\n\u001b[31mred");
        OneLineError(await Skupper("--kubeconfig", weird), "evil\\n\\x1b[31mred\" (from --kubeconfig) does not exist");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [$"tokenFile: \"{weird.Replace("\n", "\\n").Replace("\u001b", "\\e")}\""]);
        OneLineError(await Skupper(), "cannot read tokenFile \"" + _home.Root + "/evil\\n\\x1b[31mred\"");
    }

    private static string Regex(string s) => System.Text.RegularExpressions.Regex.Escape(s);
}

/// <summary>In a pod: no kubeconfig, the service account's token, CA and namespace (a folder of the test's own).</summary>
public sealed class InClusterTests
{
    [Fact]
    public async Task No_kubeconfig_in_a_pod_uses_the_service_account()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var home = new TestHome();
        var account = Path.Combine(home.Root, "serviceaccount");
        Directory.CreateDirectory(account);
        File.WriteAllText(Path.Combine(account, "token"), server.Token);
        File.WriteAllText(Path.Combine(account, "ca.crt"), server.CaPem);
        File.WriteAllText(Path.Combine(account, "namespace"), "east\n");
        var variables = new Dictionary<string, string>
        {
            ["HOME"] = home.Home, ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = server.Port.ToString(),
        };
        var env = new HostEnvironment("kubectl-skupper", ProcessRunner.ManagedHostDir, variables, TextWriter.Null, TextWriter.Null, false, false);
        var settings = new Skupper.Cli.Host.Services.Connection.ConnectionResolver(env, new(), account).Resolve();
        settings.Namespace.ShouldBe("east");
        settings.Server.ShouldBe(new Uri(server.Url));
        using var api = new Skupper.Cli.Host.Services.Connection.ApiConnection(settings, env);
        using var sites = await api.GetAsync("/apis/skupper.io/v2alpha1/namespaces/east/sites", CancellationToken.None);
        server.Requests.Entries.Last().User.ShouldBe("sandbox-user");

        variables["POD_NAMESPACE"] = "west";
        new Skupper.Cli.Host.Services.Connection.ConnectionResolver(env, new(), account).Resolve().Namespace.ShouldBe("west");
    }
}
