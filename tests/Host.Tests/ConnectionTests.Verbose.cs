using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Rx = System.Text.RegularExpressions.Regex;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// <c>-v</c> 6 to 9 print the lines kubectl 1.32 prints for the same request (client-go v0.32 round_trippers.go and
/// rest/request.go), next to the real kubectl's, and never a credential, a grant code or a Secret's data; and
/// <c>--request-timeout</c> bounds a request whose server never answers, handshake included.
/// </summary>
public sealed partial class ConnectionTests
{
    private const string Prefix = @"(?m)^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ kubectl-skupper\] ";

    private string SitesUrl => Rx.Escape(_server.Url + "/apis/skupper.io/v2alpha1/namespaces/west/sites");

    [Fact]
    public async Task Verbose_levels_7_to_9_print_what_kubectl_prints_with_the_bearer_token_masked()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());

        var v7 = await Skupper("-v=7");
        v7.ExitCode.ShouldBe(0, v7.ToString());
        v7.Err.ShouldMatch(Prefix + "GET " + SitesUrl + "$");
        v7.Err.ShouldMatch(Prefix + "Request Headers:$");
        v7.Err.ShouldMatch(Prefix + "    Authorization: Bearer <masked>$");
        v7.Err.ShouldMatch(Prefix + @"    User-Agent: kubectl-skupper/[\d.]+ \(\w+/\w+\)$");
        v7.Err.ShouldMatch(Prefix + @"Response Status: 200 OK in \d+ milliseconds$");
        v7.Err.ShouldNotContain("Response Headers:");
        v7.Err.ShouldNotContain("Response Body");
        // kubectl at the same level shows the same header the same way.
        var kubectl = await Kubectl("-v=7");
        kubectl.Err.ShouldContain("    Authorization: Bearer <masked>");

        var v8 = await Skupper("-v=8");
        v8.Err.ShouldMatch(Prefix + "Response Headers:$");
        v8.Err.ShouldMatch(Prefix + @"    Content-Type: application/json$");
        v8.Err.ShouldMatch(Prefix + @"""Request Body"" body=""""$");
        v8.Err.ShouldMatch(Prefix + @"""Response Body"" body=""\{\\""kind\\"":\\""SiteList\\"".*$");

        var v9 = await Skupper("-v=9");
        v9.Err.ShouldMatch(Prefix + @"curl -v -XGET  -H ""Accept: application/json"" -H ""Authorization: Bearer <masked>"" .* '" + SitesUrl + "'$");
        v9.Err.ShouldMatch(Prefix + "GET " + SitesUrl + @" 200 OK in \d+ milliseconds$");

        foreach (var r in new[] { v7, v8, v9, kubectl }) r.Err.ShouldNotContain(_server.Token);
    }

    [Fact]
    public async Task Verbose_9_never_prints_an_exec_credential_or_a_basic_auth_password()
    {
        _server.AddToken("exec-token-42", "exec-user");
        var plugin = new ExecPlugin(_home.Root).ReturnsToken("exec-token-42");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1", $"  command: {plugin.Path}", "  interactiveMode: Never"]);
        var exec = await Skupper("-v=9");
        exec.ExitCode.ShouldBe(0, exec.ToString());
        exec.Err.ShouldContain("-H \"Authorization: Bearer <masked>\"");
        exec.Err.ShouldNotContain("exec-token-42");

        _server.AddBasicUser("basic-user", "s3cret-password");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), ["username: basic-user", "password: s3cret-password"]);
        var basic = await Skupper("-v=9");
        basic.ExitCode.ShouldBe(0, basic.ToString());
        basic.Err.ShouldContain("-H \"Authorization: Basic <masked>\"");
        basic.Err.ShouldNotContain("s3cret-password");
        basic.Err.ShouldNotContain(Convert.ToBase64String("basic-user:s3cret-password"u8.ToArray()));
    }

    [Fact]
    public async Task Verbose_bodies_never_show_a_grant_code_or_secret_data()
    {
        _server.PutSkupper("sites", "east", new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site", ["metadata"] = new JsonObject { ["name"] = "east" },
        });
        await _server.WaitForStatusAsync("sites", "east", "east");
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        var token = Path.Combine(_home.Root, "token.yaml");
        var issue = await ProcessRunner.KubectlSkupper(_home, "token", "issue", token, "-v=10");
        issue.ExitCode.ShouldBe(0, issue.ToString());
        var code = Rx.Match(File.ReadAllText(token), @"(?m)^\s*code: (\S+)").Groups[1].Value;
        code.Length.ShouldBeGreaterThan(8);
        // The redeeming side sends the code to the cluster in the AccessToken it creates.
        var redeem = await ProcessRunner.KubectlSkupper(_home, "token", "redeem", token, "-n", "east", "-v=10");
        redeem.ExitCode.ShouldBe(0, redeem.ToString());
        redeem.Err.ShouldContain(@"\""code\"":\""[redacted]\""");
        foreach (var r in new[] { issue, redeem }) r.Err.ShouldNotContain(code);

        var generate = await ProcessRunner.KubectlSkupper(_home, "link", "generate", "-o", "json", "-v=10");
        generate.ExitCode.ShouldBe(0, generate.ToString());
        var key = Rx.Match(generate.Out, @"""tls\.key"": ""([^""]+)""").Groups[1].Value;
        key.Length.ShouldBeGreaterThan(100, generate.Out);
        generate.Err.ShouldContain(@"\""tls.key\"":\""[redacted]\""");
        generate.Err.ShouldNotContain(key);
    }

    [Fact]
    public async Task Request_timeout_bounds_a_server_that_accepts_and_never_answers()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var server = $"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        _home.Variables["KUBECONFIG"] = Kubeconfig(Ca(), Token());
        string[][] commands = [["site", "status"], ["token", "issue", Path.Combine(_home.Root, "t.yaml")], ["listener", "create", "db", "5432"]];
        foreach (var command in commands)
        {
            var started = DateTime.UtcNow;
            var r = await ProcessRunner.KubectlSkupper(_home, [.. command, "-s", server, "--request-timeout", "2s", "-v=6"]);
            var took = DateTime.UtcNow - started;
            r.ExitCode.ShouldBe(1, r.ToString());
            var errors = r.Err.Split('\n').Where(l => l.StartsWith("Error: ")).ToList();
            errors.ShouldBe([$"Error: no answer from {server} within --request-timeout 2s"], r.ToString());
            // One request, given up at its timeout: no second request after the first timed out, and no 10 s
            // handshake limit behind it. The -v line carries the request's own time, which load does not stretch;
            // the wall-clock bound is generous for start-up under load (the TLS handshake limit alone is 10 s).
            var requests = Rx.Matches(r.Err, Prefix + @"\w+ \S+ +in (\d+) milliseconds$");
            requests.Count.ShouldBe(1, r.Err);
            int.Parse(requests[0].Groups[1].Value).ShouldBeLessThan(3000, r.Err);
            took.ShouldBeLessThan(TimeSpan.FromSeconds(8), string.Join(' ', command));
        }
        File.Exists(Path.Combine(_home.Root, "t.yaml")).ShouldBeFalse();
    }
}
