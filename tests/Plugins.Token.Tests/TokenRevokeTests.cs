using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary><c>token revoke</c> through the built CLI, and what <c>token status</c> and <c>token redeem</c> then say; bad input.</summary>
public sealed class TokenRevokeTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    [Fact]
    public async Task A_revoked_token_is_reported_gone_and_its_redemption_is_refused_leaving_nothing()
    {
        var t = await IssuedTokenAsync(null, "--redemptions-allowed", "2");
        var r = await Skupper(t.Home, "token", "revoke", t.File, "-n", t.Ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Access grant \"{t.Grant}\" is revoked; it had 2 of 2 redemptions left.\n");
        r.Err.ShouldBe("Waiting for deletion...\n");
        List("accessgrants", t.Ns).ShouldBeEmpty();

        r = await Skupper(t.Home, "token", "status", t.File, "-n", t.Ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: the token cannot be redeemed: access grant \"{t.Grant}\" no longer exists in namespace {t.Ns}\n");

        var east = NewNamespace("east");
        await ReadySiteAsync(east, "east", linkAccess: null);
        r = await Skupper(t.Home, "token", "redeem", t.File, "-n", east);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldEndWith("Error: the token was not redeemed: Controller got failed response: 404 (Not Found) No such claim; " +
                            $"the access token \"{t.Grant}\" this command created was deleted\n");
        List("accesstokens", east).ShouldBeEmpty();
        List("links", east).ShouldBeEmpty();
        File.Exists(t.File).ShouldBeTrue();
        r = await Skupper(t.Home, "token", "revoke", t.File, "-n", t.Ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: access grant \"{t.Grant}\" no longer exists in namespace {t.Ns}: " +
                       "the token was revoked already or its grant deleted\n");
    }

    [Fact]
    public async Task Revokes_by_grant_name_and_a_policy_hook_can_refuse()
    {
        var (home, hook) = HomeWithHook(
            "export function beforeTokenRevoke(ctx) { if (ctx.redemptions === 0) refuse(`${ctx.grantName} is unused`); }\n");
        var t = await IssuedTokenAsync(home);
        var r = await Skupper(home, "token", "revoke", t.Grant, "-n", t.Ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} refused: {t.Grant} is unused\n");
        List("accessgrants", t.Ns).Count.ShouldBe(1);

        File.Delete(hook);
        r = await Skupper(home, "token", "revoke", t.Grant, "-n", t.Ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Access grant \"{t.Grant}\" is revoked; it had 1 of 1 redemptions left.\n");
        List("accessgrants", t.Ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_whose_grant_is_in_another_namespace_is_an_error_naming_the_url_and_nothing_is_deleted()
    {
        var t = await IssuedTokenAsync(null);
        var other = NewNamespace("other");
        await ReadySiteAsync(other, "other");
        (await Skupper(t.Home, "token", "issue", Path.Combine(t.Home.Home, "other.yaml"), "-n", other)).ExitCode.ShouldBe(0);
        var r = await Skupper(t.Home, "token", "revoke", t.File, "-n", other);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith(
            $"Error: no access grant in namespace {other} has the token's URL {t.Url}: its grant is in another namespace");
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("Error:", StringComparison.Ordinal)).ShouldBe(1);
        List("accessgrants", t.Ns).Count.ShouldBe(1);
        List("accessgrants", other).Count.ShouldBe(1);
    }

    private const string NotToken = "is not a token file: it holds no kind, expected kind \"AccessToken\" of \"skupper.io/v2alpha1\"";
    private const string TextOnly = "-o prints access grants (token status [name] -o yaml); the status of a token file is text only";

    public static TheoryData<string[], string, int> BadInput => new()
    {
        { ["token", "status", "{dir}"], "Error: token file \"{dir}\" is a directory: give the path of a token file\n", 1 },
        { ["token", "revoke", "{dir}"], "Error: token file \"{dir}\" is a directory: give the path of a token file\n", 1 },
        { ["token", "status", "{notoken}"], $"Error: token file \"{{notoken}}\" {NotToken}\n", 1 },
        { ["token", "revoke", "{notoken}"], $"Error: token file \"{{notoken}}\" {NotToken}\n", 1 },
        { ["token", "status", "-"], "Error: no token on standard input (did the issuing command fail?)\n", 1 },
        { ["token", "revoke", "-"], "Error: no token on standard input (did the issuing command fail?)\n", 1 },
        { ["token", "status", "no-such-grant"], "Error: access grant \"no-such-grant\" does not exist in namespace {ns}\n", 1 },
        { ["token", "revoke", "no-such-grant"], "Error: access grant \"no-such-grant\" does not exist in namespace {ns}\n", 1 },
        { ["token", "revoke", "x", "--timeout", "5s"], "Error: invalid value \"5s\" for --timeout: it must be at least 10s\n", 2 },
        { ["token", "status", "{notoken}", "-o", "json"], $"Error: {TextOnly}\n", 2 },
        { ["token", "status", "-o", "xml"], "Error: invalid value \"xml\" for --output: choose json, yaml or name\n", 2 },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_one_error_line_and_its_exit_code(string[] args, string error, int exitCode)
    {
        var home = NewHome();
        var ns = NewNamespace("bad");
        await ReadySiteAsync(ns);
        var dir = Path.Combine(home.Home, "tokens");
        Directory.CreateDirectory(dir);
        var notoken = Path.Combine(home.Home, "notes.yaml");
        File.WriteAllText(notoken, "hello: world\n");
        string Fill(string s) => s.Replace("{dir}", dir).Replace("{notoken}", notoken).Replace("{ns}", ns);
        var r = await Skupper(home, [.. args.Select(Fill), "-n", ns]);
        r.ExitCode.ShouldBe(exitCode, r.ToString());
        r.Err.ShouldBe(Fill(error));
        r.Out.ShouldBeEmpty();
    }
}
