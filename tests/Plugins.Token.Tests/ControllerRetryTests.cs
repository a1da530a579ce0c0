using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>
/// token redeem against a controller that retries (issue 18): transient failures are waited out, refusals no
/// retry changes end the wait at once, and a timeout deletes the token it created. The tests of this class run
/// one after another, each owning the sandbox's redemption fault switch while it runs.
/// </summary>
public sealed class ControllerRetryTests(RetryingSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<RetryingSandbox>
{
    private async Task<(TestHome Home, string File, string Grant, string Remote)> IssueAsync()
    {
        var home = NewHome();
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);
        var file = Path.Combine(home.Home, "token.yaml");
        var r = await ProcessRunner.Kubectl(home, "skupper", "token", "issue", file, "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var remote = NewNamespace("east");
        await ReadySiteAsync(remote, "east", linkAccess: null);
        return (home, file, Regex.Match(r.Out, "Access grant \"([^\"]+)\"").Groups[1].Value, remote);
    }

    [Theory]
    [InlineData(GrantFailure.ConnectionRefused)]
    [InlineData(GrantFailure.Unavailable)]
    public async Task A_redeem_waits_out_two_transient_failures_and_then_links(GrantFailure failure)
    {
        var (home, file, grant, remote) = await IssueAsync();
        Server.Controller.RedemptionFailure = failure;
        Server.Controller.FailRedemptions = 2;
        try
        {
            var r = await ProcessRunner.Kubectl(home, "skupper", "token", "redeem", file, "-n", remote, "--timeout", "60s");

            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldBe($"Link \"{grant}\" is active.\nYou can now safely delete {file}.\n");
            Server.Controller.FailRedemptions.ShouldBe(0); // both failures were met before the redemption passed
            Str(Server.GetSkupper("accesstokens", remote, grant)!["status"]!["status"]).ShouldBe("Ready");
            Str(Server.GetSkupper("links", remote, grant)!["status"]!["status"]).ShouldBe("Ready");
        }
        finally
        {
            Server.Controller.FailRedemptions = 0;
        }
    }

    [Fact]
    public async Task A_used_up_token_fails_with_the_controllers_reason_long_before_the_timeout()
    {
        var (home, file, grant, remote) = await IssueAsync();
        (await Skupper(home, "token", "redeem", file, "-n", remote)).ExitCode.ShouldBe(0);
        var third = NewNamespace("third");
        await ReadySiteAsync(third, "third", linkAccess: null);

        // The process ending at all (the runner's own limit is far below 5 minutes) is what shows it did not wait.
        var r = await ProcessRunner.Kubectl(home, "skupper", "token", "redeem", file, "-n", third, "--timeout", "5m");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Waiting for status...\nError: the token was not redeemed: Controller got failed response: 404 (Not Found) No such access granted; " +
                       $"the access token \"{grant}\" this command created was deleted\n");
        List("accesstokens", third).ShouldBeEmpty();
        List("links", third).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_code_is_refused_at_once()
    {
        var (home, file, grant, remote) = await IssueAsync();
        var text = await File.ReadAllTextAsync(file);
        var code = Regex.Match(text, "code: (\\S+)").Groups[1].Value;
        await File.WriteAllTextAsync(file, text.Replace("code: " + code, "code: wrong" + code));

        var r = await Skupper(home, "token", "redeem", file, "-n", remote, "--timeout", "5m");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain("Error: the token was not redeemed: Controller got failed response: 403 (Forbidden) Redemption of access token refused;");
        List("accesstokens", remote).ShouldBeEmpty();
    }

    [Fact]
    public async Task At_the_timeout_a_token_the_controller_still_retries_is_deleted_and_the_last_status_shown()
    {
        var (home, file, grant, remote) = await IssueAsync();
        Server.Controller.RedemptionFailure = GrantFailure.Unavailable;
        Server.Controller.FailRedemptions = 1_000_000;
        try
        {
            // The shortest --timeout taken (10s, as the Go CLI), long enough for the controller's first attempt to fail and
            // say so even on a loaded machine (with 2s, at load 30 the command timed out before any status was written).
            var r = await Skupper(home, "token", "redeem", file, "-n", remote, "--timeout", "10s");

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldEndWith(
                "Error: the token was not redeemed: timed out; last status: Controller got failed response: 503 (Service Unavailable) Internal error; " +
                $"the access token \"{grant}\" this command created was deleted\n");
            List("accesstokens", remote).ShouldBeEmpty();
            List("links", remote).ShouldBeEmpty();
        }
        finally
        {
            Server.Controller.FailRedemptions = 0;
        }
    }

    public static TheoryData<string, string, string> UnredeemableTokens => new()
    {
        { "url: https://", "url: http://", "cannot be redeemed: token url scheme must be https, not \"http\"" },
        { "-----BEGIN CERTIFICATE-----", "-----BEGIN NOTHING-----", "cannot be redeemed: token does not have a CA: spec.ca holds no PEM certificate" },
    };

    [Theory]
    [MemberData(nameof(UnredeemableTokens))]
    public async Task A_token_the_controller_would_refuse_is_refused_before_anything_is_created(string from, string to, string message)
    {
        var (home, file, _, remote) = await IssueAsync();
        var text = await File.ReadAllTextAsync(file);
        text.ShouldContain(from);
        await File.WriteAllTextAsync(file, text.Replace(from, to));
        Server.Requests.Clear();

        var r = await Skupper(home, "token", "redeem", file, "-n", remote);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: token file \"{file}\" {message}" + (to.Contains("http:") ? $" ({Regex.Match(text.Replace(from, to), "url: (\\S+)").Groups[1].Value})" : "") + "\n");
        Server.Requests.Entries.Where(e => e.Path.Contains(remote)).ShouldBeEmpty();
        List("accesstokens", remote).ShouldBeEmpty();
    }
}
