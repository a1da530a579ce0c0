using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>
/// token redeem on Podman (the same for Docker and Linux): the token is issued on the sandbox, whose grant server
/// answers the POST; the Secret and Link land in the data home as the Go CLI writes them (issue 19).
/// </summary>
public sealed class NonKubeRedeemTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    private async Task<(TestHome Home, string File, string Grant, string GrantNs)> IssueAsync(params string[] extra)
    {
        var home = NewHome();
        // Tests run as root, whose default data home is /var/lib/skupper: keep it private.
        home.Variables["SKUPPER_DATA_HOME"] = Path.Combine(home.DataHome, "skupper");
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);
        var file = Path.Combine(home.Home, "token.yaml");
        var r = await ProcessRunner.Kubectl(home, ["skupper", "token", "issue", file, "-n", ns, .. extra]);
        r.ExitCode.ShouldBe(0, r.ToString());
        return (home, file, Regex.Match(r.Out, "Access grant \"([^\"]+)\"").Groups[1].Value, ns);
    }

    private static string Resources(TestHome home, string ns) => Path.Combine(home.DataHome, "skupper", "namespaces", ns, "input", "resources");

    private static string B64(string s) => Convert.ToBase64String(Encoding.ASCII.GetBytes(s));

    [Fact]
    public async Task Redeem_with_platform_podman_writes_the_secret_and_link_as_the_go_cli_does()
    {
        var (home, file, grant, grantNs) = await IssueAsync();

        var r = await ProcessRunner.Kubectl(home, "skupper", "token", "redeem", file, "--platform", "podman", "-n", "east");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Token \"{grant}\" has been redeemed.\n");
        r.Err.ShouldBe("");
        var folder = Resources(home, "east");
        Directory.GetFiles(folder).Select(Path.GetFileName).Order().ShouldBe([$"Link-{grant}.yaml", $"Secret-{grant}.yaml"]);
        (await File.ReadAllTextAsync(Path.Combine(folder, $"Link-{grant}.yaml"))).ShouldBe($"""
            apiVersion: skupper.io/v2alpha1
            kind: Link
            metadata:
              name: {grant}
              namespace: east
            spec:
              endpoints:
              - group: skupper-router
                host: 127.0.0.1
                name: inter-router
                port: "55671"
              - group: skupper-router
                host: 127.0.0.1
                name: edge
                port: "45671"
              tlsCredentials: {grant}

            """);
        var secretFile = Path.Combine(folder, $"Secret-{grant}.yaml");
        var secret = await File.ReadAllTextAsync(secretFile);
        secret.ShouldMatch($"""
            ^apiVersion: v1
            data:
              ca\.crt: {Regex.Escape(B64(Server.CaPem))}
              tls\.crt: [A-Za-z0-9+/=]+
              tls\.key: [A-Za-z0-9+/=]+
            kind: Secret
            metadata:
              name: {grant}
              namespace: east
            type: kubernetes\.io/tls
            $
            """);
        // The certificate is issued to the subject the Go CLI sends: the namespace.
        var tls = Encoding.ASCII.GetString(Convert.FromBase64String(Regex.Match(secret, "tls\\.crt: (\\S+)").Groups[1].Value));
        using (var cert = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(tls))
            cert.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false).ShouldBe("east");
        // It holds the link's private key: owner only.
        File.GetUnixFileMode(secretFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Server.GetSkupper("accessgrants", grantNs, grant)!["status"]!["redemptions"]!.GetValue<long>().ShouldBe(1);
        List("accesstokens", grantNs).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refusals_of_the_grant_server_are_one_line_errors_and_write_nothing()
    {
        var (home, file, grant, _) = await IssueAsync();
        (await Skupper(home, "token", "redeem", file, "--platform", "podman", "-n", "first")).ExitCode.ShouldBe(0);

        var usedUp = await Skupper(home, "token", "redeem", file, "--platform", "podman", "-n", "second");
        usedUp.ExitCode.ShouldBe(1, usedUp.ToString());
        usedUp.Err.ShouldBe($"Error: the token was not redeemed: the grant server at {Server.Url} answered 404 (Not Found) No such access granted: the grant's redemptions are used up\n");
        Directory.Exists(Resources(home, "second")).ShouldBeFalse();

        var (home2, file2, _, _) = await IssueAsync();
        var text = await File.ReadAllTextAsync(file2);
        var code = Regex.Match(text, "code: (\\S+)").Groups[1].Value;
        await File.WriteAllTextAsync(file2, text.Replace("code: " + code, "code: x" + code));
        var wrong = await Skupper(home2, "token", "redeem", file2, "--platform", "docker", "-n", "third");
        wrong.ExitCode.ShouldBe(1, wrong.ToString());
        wrong.Err.ShouldBe($"Error: the token was not redeemed: the grant server at {Server.Url} answered 403 (Forbidden) Redemption of access token refused: the token's code is wrong\n");
        Directory.Exists(Resources(home2, "third")).ShouldBeFalse();
        grant.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_token_whose_ca_is_not_the_servers_is_refused_at_the_handshake_and_writes_nothing()
    {
        var (home, file, _, grantNs) = await IssueAsync();
        using var other = new Skupper.Sandbox.CertificateAuthority(["127.0.0.1"]);
        var text = await File.ReadAllTextAsync(file);
        var ca = Regex.Match(text, "ca: \\|\n((?:    .*\n)+)").Groups[1].Value;
        var otherCa = string.Concat(other.CaPem.TrimEnd('\n').Split('\n').Select(l => "    " + l + "\n"));
        await File.WriteAllTextAsync(file, text.Replace(ca, otherCa));

        var r = await Skupper(home, "token", "redeem", file, "--platform", "linux", "-n", "east");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: the token was not redeemed: cannot reach the grant server at {Server.Url}: ");
        r.Err.Split('\n').Length.ShouldBe(2, r.Err);
        Directory.Exists(Resources(home, "east")).ShouldBeFalse();
        // Nothing reached the grant server: the redemption is still there to use.
        var grant = List("accessgrants", grantNs).Single();
        (grant["status"]!["redemptions"]?.GetValue<long>() ?? 0).ShouldBe(0);
    }
}
