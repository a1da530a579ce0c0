using System.Diagnostics;
using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary><c>token status</c> through the built CLI: the grants' uses and expiry, and what a token file holds.</summary>
public sealed class TokenStatusTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    [Fact]
    public async Task Uses_are_counted_and_a_token_file_shows_its_url_and_the_fingerprint_openssl_gives()
    {
        var t = await IssuedTokenAsync(null, "--redemptions-allowed", "2");
        var r = await Skupper(t.Home, "token", "status", "-n", t.Ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldMatch($@"^NAME\s+STATUS\s+REDEEMED\s+EXPIRES\s+MESSAGE\n{t.Grant}\s+Ready\s+0/2\s+in 1[45]m\s+OK\n$");

        var east = NewNamespace("east");
        await ReadySiteAsync(east, "east", linkAccess: null);
        (await Skupper(t.Home, "token", "redeem", t.File, "-n", east)).ExitCode.ShouldBe(0);
        (await Skupper(t.Home, "token", "status", "-n", t.Ns)).Out.ShouldMatch($@"\n{t.Grant}\s+Ready\s+1/2\s+in ");
        (await Skupper(t.Home, "token", "status", t.Grant, "-n", t.Ns)).Out.ShouldMatch(@"\nRedeemed:\s+1/2\n");

        r = await Skupper(t.Home, "token", "status", t.File, "-n", t.Ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain($"\nGrant server:  {t.Url}\n");
        r.Out.ShouldContain($"\nIssued by:     access grant \"{t.Grant}\" in namespace {t.Ns}: 1 of 2 redemptions left, expires in 1");
        r.Out.ShouldEndWith("\nThe token can be redeemed.\n");
        var shown = Regex.Match(r.Out, @"\nCA SHA-256:\s+(\S+)\n").Groups[1].Value;
        shown.ShouldBe(await OpensslFingerprintAsync(Str(Server.GetSkupper("accessgrants", t.Ns, t.Grant)!["status"]!["ca"])!));
    }

    [Fact]
    public async Task An_expired_grant_shows_expired_and_its_token_exits_1()
    {
        // token issue refuses a window under 1m, as the Go CLI does; a policy hook may set any, and 1s expires in the test's time.
        var (home, _) = HomeWithHook("export function beforeTokenIssue(ctx) { ctx.expirationWindow = \"1s\"; }\n");
        var t = await IssuedTokenAsync(home);
        Server.GetSkupper("accessgrants", t.Ns, t.Grant)!["spec"]!["expirationWindow"]!.GetValue<string>().ShouldBe("1s");
        var expires = DateTimeOffset.Parse(Str(Server.GetSkupper("accessgrants", t.Ns, t.Grant)!["status"]!["expirationTime"])!,
            System.Globalization.CultureInfo.InvariantCulture);
        var wait = expires - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        var r = await Skupper(home, "token", "status", "-n", t.Ns);
        r.Out.ShouldMatch($@"\n{t.Grant}\s+Ready\s+0/1\s+expired \d+s ago\s+OK\n");
        r = await Skupper(home, "token", "status", t.File, "-n", t.Ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldMatch($"^Error: the token cannot be redeemed: access grant \"{t.Grant}\" expired \\d+s ago\n$");
        r.Out.ShouldContain($"\nGrant server:  {t.Url}\n");
    }

    [Fact]
    public async Task The_code_appears_in_no_output_at_any_verbosity_or_format()
    {
        var t = await IssuedTokenAsync(null, "--redemptions-allowed", "2");
        var code = Str(Server.GetSkupper("accessgrants", t.Ns, t.Grant)!["status"]!["code"])!;
        code.Length.ShouldBeGreaterThan(8);
        string[][] forms =
        [
            [], ["-o", "json"], ["-o", "yaml"], ["-o", "name"], [t.Grant], [t.Grant, "-o", "json"], [t.Grant, "-o", "yaml"], [t.File],
        ];
        foreach (var v in new[] { "0", "6", "9" })
        {
            foreach (var form in forms)
            {
                var r = await Skupper(t.Home, ["token", "status", .. form, "-n", t.Ns, "-v", v]);
                r.ExitCode.ShouldBe(0, r.ToString());
                (r.Out + r.Err).ShouldNotContain(code, customMessage: string.Join(" ", form) + " -v " + v);
            }
            var piped = await ProcessRunner.Run(ProcessRunner.HostExe, ["token", "status", "-", "-n", t.Ns, "-v", v], t.Home,
                stdin: await File.ReadAllTextAsync(t.File));
            piped.ExitCode.ShouldBe(0, piped.ToString());
            (piped.Out + piped.Err).ShouldNotContain(code);
        }
        // The placeholder stands where the code was: a format that printed the grant as it is would show the code above.
        (await Skupper(t.Home, "token", "status", t.Grant, "-n", t.Ns, "-o", "json")).Out.ShouldContain("\"code\": \"[redacted]\"");
        var revoke = await Skupper(t.Home, "token", "revoke", t.File, "-n", t.Ns, "-v", "9");
        revoke.ExitCode.ShouldBe(0, revoke.ToString());
        (revoke.Out + revoke.Err).ShouldNotContain(code);
        (await Skupper(t.Home, "token", "status", "-n", t.Ns)).Out.ShouldBe($"There are no access grants in namespace \"{t.Ns}\"\n");
    }

    [Fact]
    public async Task Off_kubernetes_or_from_another_namespace_a_token_cannot_be_checked_and_exits_0()
    {
        var t = await IssuedTokenAsync(null);
        var r = await Skupper(t.Home, "token", "status", t.File, "--platform", "podman");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldEndWith("\nThe token cannot be checked from here: there are no access grants on podman. " +
                            "The site that issued it can check it.\n");
        var other = NewNamespace("other");
        r = await Skupper(t.Home, "token", "status", t.File, "-n", other);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldEndWith($"\nThe token cannot be checked from here: no access grant in namespace {other} has its URL. " +
                            "The site that issued it can check it.\n");
    }

    private static async Task<string> OpensslFingerprintAsync(string pem)
    {
        using var openssl = Process.Start(new ProcessStartInfo("openssl", ["x509", "-noout", "-fingerprint", "-sha256"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        await openssl.StandardInput.WriteAsync(pem);
        openssl.StandardInput.Close();
        var output = await openssl.StandardOutput.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        openssl.ExitCode.ShouldBe(0, await openssl.StandardError.ReadToEndAsync());
        // OpenSSL 3 writes "sha256 Fingerprint=AB:…", 1.1 "SHA256 Fingerprint=AB:…".
        return output.Trim()[(output.IndexOf('=', StringComparison.Ordinal) + 1)..];
    }
}
